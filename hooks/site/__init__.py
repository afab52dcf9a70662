"""The site: pages and their templates, navigation, outlines, the JSON API, the 检索 first view, page streaming and Markdown escaping."""
