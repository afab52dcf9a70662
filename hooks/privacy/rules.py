"""Word lists and regular expressions for the anonymisation checker (hooks/privacy/checker.py).

Kept apart from the scanning logic so that a maintainer can tune a list without reading the code.
Long lists live in data/privacy/*.txt; short closed lists live here.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

# The repository's lists; the data check reads those of the data folder it checks (use_word_lists).
DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "privacy"
_word_lists_dir = DATA_DIR
# Module attributes read from <data folder>/privacy/ on first use (see __getattr__).
WORD_LISTS = {"SURNAMES": "surnames.txt", "RARE_SURNAMES": "rare_surnames.txt", "PUBLIC_NAMES": "public_names.txt", "NAME_WORDS": "name_words.txt"}
COMMON_WORDS_FILE = "common_words.txt"


def read_word_list(name: str) -> frozenset[str]:
    """Whitespace-separated words of <data folder>/privacy/<name>; '#' starts a comment."""
    words: set[str] = set()
    for line in (_word_lists_dir / name).read_text(encoding="utf-8").splitlines():
        words.update(line.split("#", 1)[0].split())
    return frozenset(words)


def _list(name: str) -> frozenset[str]:
    return globals()[name] if name in globals() else __getattr__(name)


def surname_of(name: str) -> str:
    """The surname a candidate name starts with: a listed compound surname (欧阳), else its first
    character (listed or not: the caller checks)."""
    return name[:2] if name[:2] in _list("SURNAMES") else name[0]


def use_word_lists(privacy_dir: Path) -> None:
    """Read the word lists from privacy_dir (a data folder's privacy/) from now on: the data check
    passes down the folder it checks, so that another data folder brings its own lists. Lists
    edited since they were read (`mkdocs serve`) are read again."""
    global _word_lists_dir, _read_as
    signature = (privacy_dir, *(_stat(privacy_dir / name) for name in (*WORD_LISTS.values(), COMMON_WORDS_FILE)))
    if signature != _read_as:
        _word_lists_dir, _read_as = privacy_dir, signature
        for name in WORD_LISTS:
            globals().pop(name, None)
        common_words.cache_clear()


_read_as: tuple = ()


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def __getattr__(name: str) -> frozenset[str]:
    """SURNAMES, RARE_SURNAMES, PUBLIC_NAMES, NAME_WORDS: read on first use (importing this module reads no file),
    then kept as plain module attributes."""
    if name in WORD_LISTS:
        words = globals()[name] = read_word_list(WORD_LISTS[name])
        return words
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ---- common-word lexicon (jieba's dict.txt used as a lookup table, never as a segmenter) -------
# A candidate place/unit name is cut after the last common non-name word in it (指派社区,
# 紧密结合街道, 也定期下社区). Classes and minimum frequencies: verbs, adverbs, prepositions,
# conjunctions, pronouns, time and position words are cut when fairly common (not numerals: 第三中学); adjectives and
# distinguishing words (远大, 先进, 上级) only when frequent, because names are often auspicious
# adjectives; nouns never, because names are made of nouns (梨树沟, 凤凰山, 阳光花园).
LEXICON_MIN_FREQ = {"v": 100, "vn": 100, "vd": 100, "d": 100, "p": 100, "c": 100, "u": 100,
                    "r": 100, "ad": 100, "f": 100, "t": 100, "l": 100,
                    "a": 500, "b": 500}
# Characters that never end a name right before its suffix (党委对村, 毕业生到村, 建在小区).
NOT_LAST_OF_NAME = set("对到在向从把被给于将为由去往至经赴驻进入出是也又再还都就要")
# Weak cut characters that may begin a name right after another place (昌平区回龙观镇, 如皋市).
MAY_START_NAME = set("回进入出经如去至往请离赴")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Common non-name words of 2-4 characters: jieba's dictionary filtered by class and frequency,
    plus data/privacy/common_words.txt, minus data/privacy/name_words.txt. Loaded once, lazily;
    an empty set if jieba is not installed, so the checker degrades, not fails."""
    try:
        import jieba
    except ImportError:  # pragma: no cover - jieba is pinned in requirements.txt
        return frozenset(read_word_list(COMMON_WORDS_FILE) - _list("NAME_WORDS"))
    lexicon = lexicon_words(Path(jieba.__file__).parent / "dict.txt", Path(tempfile.gettempdir()))
    return frozenset((lexicon | read_word_list(COMMON_WORDS_FILE)) - _list("NAME_WORDS") - _list("PUBLIC_NAMES"))


def lexicon_words(dictionary: Path, cache_dir: Path) -> frozenset[str]:
    """The words of jieba's dictionary that LEXICON_MIN_FREQ keeps. Filtering its 350,000 lines
    takes 0.3-0.45 s, every build: the result is kept in cache_dir (the temp folder, as jieba keeps
    its own cache), under a name that changes with the dictionary file and the rules."""
    stat = dictionary.stat()
    key = repr((str(dictionary), stat.st_size, stat.st_mtime_ns, sorted(LEXICON_MIN_FREQ.items())))
    cache = cache_dir / f"msh-lexicon-{hashlib.sha256(key.encode()).hexdigest()[:16]}.txt"
    try:
        return frozenset(cache.read_text(encoding="utf-8").split())
    except OSError:
        pass
    classes = "|".join(sorted(LEXICON_MIN_FREQ, key=len, reverse=True))
    entries = re.findall(rf"^(\S{{2,4}}) (\d+) ({classes})$", dictionary.read_text(encoding="utf-8"), re.M)
    words = frozenset(word for word, freq, tag in entries if int(freq) >= LEXICON_MIN_FREQ[tag])
    try:  # written whole, then renamed: a build running meanwhile never reads half a file
        partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        partial.write_text("\n".join(sorted(words)), encoding="utf-8")
        os.replace(partial, cache)
    except OSError:
        pass  # a read-only temp folder: the same words, not kept
    return words

HAN = "\u4e00-\u9fff"
# Marks that show a text is already anonymised: 某区, ××同志, *单位, X某某, 成员A.
PLACEHOLDER_CHARS = set("某×*＊XxＸ○〇")

# ---- persons -------------------------------------------------------------------------------
TITLES = (
    "副书记 书记 副主任 主任 同志 副局长 局长 副镇长 镇长 乡长 副县长 县长 副区长 区长 副市长 市长 "
    "省长 副处长 处长 副科长 科长 部长 主席 总经理 经理 董事长 副校长 校长 副院长 院长 所长 站长 "
    "队长 支书 村长 厂长 老师 委员 组长 股长 秘书长 行长 馆长 庭长 社长 会计 秘书 主委 专员 副厅长 厅长 "
    "理事长 会长 医生 "
    "大爷 大妈 阿姨 大姐 大哥 师傅"
).split()
TITLE_RE = re.compile("|".join(sorted(TITLES, key=len, reverse=True)))
# A surname-like character fused with the character before it into an ordinary word (有关同志,
# 公安局长, 担任书记); such pairs never start a name.
WORDS_ENDING_IN_SURNAME = frozenset(
    "有关 相关 机关 海关 攻关 把关 过关 公安 治安 平安 保安 分管 主管 监管 托管 担任 兼任 历任 现任 "
    "前任 首任 新任 原任 曾任 时任 接任 继任 主任 其余 业余 同时 及时 当时 按时 对于 由于 关于 "
    "经常 日常 正常 非常 双方 各方 对方 地方 多方 上级 全党 入党 政党 各党 本党 后方 前方 公司 分公司 感谢 多谢".split()
)
# Surname + title pairs that are ordinary words.
GENERIC_TITLED = frozenset("班主任 党委员 党委书记 支书记".split())
# Characters that do not occur in given names but follow surname-like characters in common
# words (党员同志, 全体同志): a candidate given name containing one is rejected.
NOT_IN_GIVEN_NAME = set(
    "的了是在和与及对向从到于把被将给为等个些该本全每各其此这那我你他她它们员部层边体位名级导"
    "责管职休子同志党委会组长者人里中上下内外有无不也都就要会能可年老青女男新好"
    "书记主任局镇县区市省处科所站队村厂"
)
# For names the tagger or a label already marks as names, only characters that never occur in a
# given name (志, 新, 明 … do, as in 陈志远; so do 全 本 其, each in 100-140 of the person names of
# jieba's dictionary: 喻全贵, 李本华, 张其昌).
NOT_IN_LABELLED_NAME = set("的了是在与及对把被将给等个些该每各此这那我你他她它们员部层边体位级导责管职")
# Characters that often precede a surname and are never part of a name.
WEAK_SURNAMES = set("于和向安关管任万余方全成文时常高明连司古农党应师商单解尚")

# Titles written before a name (书记刘亮, 主席张玮) also include these, which rarely follow one.
# 支书记: in 党总支书记计加眺 the title is 书记, not 支书 (which the leftmost match would take).
TITLES_BEFORE = TITLES + "记者 通讯员 作者 主持人 记录人 调研员 负责人 支书记".split()
TITLE_BEFORE_RE = re.compile("(?:" + "|".join(sorted(TITLES_BEFORE, key=len, reverse=True)) + r")[：:\s]*")
# Labels after which a list of persons follows (出席人：张三、李四; 作者：王五).
PERSON_LIST_RE = re.compile(
    r"(?:(?:出席(?:人员|人)?|参加(?:人员|人)?|参会(?:人员|人)?|列席(?:人员|人)?|缺席(?:人员|人)?|与会人员|主持人?"
    r"|记录人?|作者|撰稿人?|责任编辑|供稿人?|联系人|发言人|汇报人|报告人)[：:]"
    # bylines: 记者 王某、（通讯员 肖飞 何宝华）、（文/图 王文静）、（审核 苏子波）
    r"|(?:记者|通讯员|作者|编辑|责任编辑|审核|审校|初审|复审|终审|校对|摄影|文/图|图/文|文|图|供稿|撰稿)[：:\s　]"
    r")\s*")
PERSON_LIST_SEPARATORS = "、，,；;/ 　"

# ---- places --------------------------------------------------------------------------------
# Words the part-of-speech tagger calls places that name no place a reader could find a unit by.
PUBLIC_PLACES = frozenset(
    "中国 全国 中华 华夏 神州 内地 大陆 港澳 港澳台 两岸 亚洲 欧洲 非洲 美洲 长三角 珠三角 京津冀 粤港澳 "
    "大湾区 长江 黄河 西部 东部 中部 东北 西北 西南 华北 华东 华南 华中 城乡 基层".split()
)
# suffix -> placeholder; longest suffix first in the regex.
PLACE_SUFFIXES = {
    "街道": "某街道", "社区": "某社区", "小区": "某小区", "村": "某村", "镇": "某镇", "乡": "某乡",
    "区": "某区", "县": "某县", "市": "某市", "省": "某省", "大道": "某路", "大街": "某路",
    "路": "某路", "街": "某路", "巷": "某路", "胡同": "某路", "花园": "某小区", "公寓": "某小区",
    "屯": "某村", "水库": "某水库", "高速": "某高速", "寨": "某村", "岭": "某地", "沟": "某地",
}
PLACE_RE = re.compile("|".join(sorted(PLACE_SUFFIXES, key=len, reverse=True)))
ROAD_SUFFIXES = {"大道", "大街", "路", "街", "巷", "胡同"}
MAX_NAME = {"小区": 6, "社区": 4, "村": 4, "街道": 4, "寨": 3, "岭": 3, "沟": 3}
# A following character that shows the suffix belongs to another word (区域, 市场, 路线, 街头).
NOT_AFTER = {
    "区": set("域别分间块位划隔县长"), "市": set("场值容级面县长"), "镇": set("压守定静长"),
    "乡": set("愁音亲土贤情镇村长"), "路": set("线径况演子数灯面段网由过径"),
    "街": set("道巷面区头坊乡镇景"), "村": set("镇居庄长民"), "县": set("区级域长"), "省": set("级份略"),
    "巷": set("子道战"), "大道": set("理"), "沟": set("通渠壑"), "岭": set("南导"), "寨": set("子主"),
}
# What starts an organ of the place after its suffix (福州市|委组织部, 始兴县|政府, 叠山镇|人大): the
# suffix belongs to the organ's name, which stays; only the place's name is reported (某市委组织部).
ORGAN_SUFFIXES = ("省", "市", "县", "区", "镇", "乡")
ORGAN_STARTS = ("委", "政府", "政协", "人大", "人民", "纪委", "监委", "党", "卫", "直")
# Natural features that name hamlets (火烧寨, 野鸡岭, 金水沟): before another place suffix they are part of
# its name (梨树沟村, 马岭村).
FEATURE_SUFFIXES = ("寨", "岭", "沟")
# Place suffixes that, right after another suffix, continue the same name (黄山路社区, 新村小区).
PLACE_AFTER_PLACE = ("社区", "小区", "街道")
PROVINCES = frozenset(
    "河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 "
    "云南 陕西 甘肃 青海 台湾".split()
)
# Words that name a kind of place, not a place (老旧小区, 城中村, 开发区); checked as endings of
# the candidate name.
GENERIC_PLACE_ENDINGS = tuple(
    "老旧 城市 农村 城乡 城中 新建 安置 回迁 拆迁 商品房 保障房 开放式 封闭式 无物业 试点 示范 重点 "
    "偏远 边远 贫困 脱贫 搬迁 集中 行政 自然 相关 有关 所在 周边 附近 辖区 涉及 部分 个别 少数 多个 "
    "全部 所有 每个 其他 其余 乡镇 街镇 村居 城镇 美丽 和美 文明 平安 智慧 绿色 完整 宜居 空心 涣散 "
    "薄弱 后进 先进 红色 旅游 特色 传统 开发 工业 试验 功能 自贸 保护 风景 商业 住宅 高新 经开 保税 "
    "关心 分包 迎检 主管 形势下 和谐 年度 规划 代表 一名 两名 几名 多名 每名 该名 聚集 集聚 先行 核心 生态 老城 新城 主城 旧城 中心城 生活 办公 服务 责任 网格 管理 养殖 种植 宿舍 "
    "居住 棚户 连片 步行 美食 示范性 地级 县级 省辖 直辖 深水 舒适 回头 长征 赶考 百强 小城 兄弟 发展 振兴 中心 家属 移交 明星 挂钩 倾听 包联 联系 结对 帮扶 对口 交".split()
)
# Single characters that, ending a candidate name, show a kind of place (城区, 超市, 弯路).
GENERIC_LAST_CHAR = {
    "区": set("城山牧灾园景片郊学校病误盲禁雷老辖市社小邻外本全该各两"),
    "市": set("城超上股门夜集都早菜楼车级辖面开罢黑邻外本全该各两"),
    "县": set("强大区市级邻外本全该各两省"),
    "镇": set("城村乡重强名古小集坐邻外本全该各两"),
    "乡": set("家下返故异同城老水之"),
    "村": set("农乡山渔小新"),
    "路": set("道思出老弯新邪歪公马铁网线套退一半走水电气管陆航海土泥环领引带探问心活末迷后正岔近远歧赶之小家下回大上"),
    "大道": set("康阳"),
    "街": set("大上逛沿临老小背"),
    "巷": set("小陋街"),
    "胡同": set("死"),
    "寨": set("山村营苗侗古边"), "岭": set("山分秦峻崇五"), "沟": set("山代鸿水深河地排阴暗壕田"),
}
# Words that end before a place name: 反映幸福里社区, 走访光明村, 深入海淀区.
WORDS_BEFORE_NAME = tuple(
    "投身 代表 要求 督促 责令 通知 约谈 监督 检查 支持 反映 走访 深入 调研 前往 来到 位于 来自 针对 包括 例如 比如 其中 联系 包联 帮扶 挂点 对接 督导 "
    "推进 加强 开展 组织 指导 协调 解决 发现 设在 对标 学习 借鉴 参观 考察 中共 驻 在 到 对 于 向 从 "
    "和 与 及 的 了 是 为 将 把 被 给 由 等 个 些 如 赴 去 至 往 经 之 、 请 离 回 进 入 出".split()
)
# Single characters that end a word before a name. "Strong" ones never occur inside a place or
# unit name (几个社区 is no name); "weak" ones may (天和医院, 和平巷), so they only cut when enough
# of a name is left after them.
STRONG_CUT_CHARS = set("的了个些该本全每各其此这那我你他她它们之、几两多等驻")
WORDS_BEFORE_NAME_SET = frozenset(w for w in WORDS_BEFORE_NAME if len(w) == 2)
# Words that show a candidate is a phrase, not a name (第一书记驻村, 书记和村委会).
NOT_IN_NAME = tuple("书记 主任 同志 干部 群众 党员 班子 成员 领导 工作 问题 学习 公司 医院 学校 单位 部门".split())
WEAK_CUT_CHARS = set("和与及对向从到于把被将给为在由如去至往经请离回进入出是驻赴")
DOC_CUT_WORDS = tuple("根据 依据 按照 参照 对照 贯彻 落实 执行 印发 下发 转发 出台 制定 的 了 和 及 与 在 对 据 照 按 将 为 是 见".split())

# ---- units ---------------------------------------------------------------------------------
UNIT_SUFFIX_RE = re.compile(
    "股份有限公司|有限责任公司|有限公司|公司|集团|银行|医院|卫生院|完全小学|完全中学|中学|小学|大学|学院|"
    "幼儿园|附小|附中|实小|研究院|研究所|合作社|事务所|酒店|宾馆|管理处|项目部|药业|厂"
)
# Firms are often named with ordinary words (东方置业, 长城公司), other units rarely (夫妻卫生院).
FIRM_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "公司", "集团", "银行", "药业", "厂", "酒店", "宾馆")
# Units whose names carry their trade before the suffix (…种植专业合作社, …股份经济合作社).
UNITS_NAMED_WITH_TRADE = ("合作社",)
# Characters after which a unit's own name starts (平昌县|响滩小学, 长窖村|强坤…合作社): the place
# before is the places' business, and a name is what follows it.
UNIT_AFTER_PLACE = set("省市县区镇乡村")
MAX_UNIT_NAME = 10
# A following character that shows the suffix belongs to another word (中学习, 厂房).
UNIT_NOT_AFTER = {"中学": set("习生"), "小学": set("习生"), "大学": set("习生"), "厂": set("房区长家商"),
                  "实小": set("组说事节区时"), "附中": set("央"), "药业": set("界")}
# Words that describe a unit's trade or type, not its name: removed before judging the name.
UNIT_KIND_WORDS = tuple(sorted(
    "科技 实业 物业 置业 建设 建筑 贸易 商贸 物流 发展 投资 控股 信息 技术 电子 能源 环保 工程 咨询 "
    "管理 服务 文化 传媒 食品 农业 医药 网络 房地产 开发 股份 有限 责任 城投 水务 燃气 热力 供水 "
    "供电 电力 交通 运输 旅游 商业 实验 人民 中医 妇幼 附属 职业 师范 外国语 第一 第二 第三 第四 "
    "第五 第六 第七 第八 第九 第十 经济 专业 国有 民营 私营 社区 卫生 中心 中 小 党 初级 高级 "
    "完全 九年一贯制 寄宿制 农民 种植 养殖 农机 果蔬 蔬菜 茶叶 林业 畜牧 渔业".split(), key=len, reverse=True))
GENERIC_UNIT_NAMES = tuple(
    "外埠 代表 联系 服务 某 相关 有关 该 本 各 下属 所属 区属 市属 县属 省属 国企 辖区 当地 本地 外地 子 分 母 涉事 中标 "
    "承建 运营 第三方 施工 平台 一家 多家 上市 村办 乡镇 街道 村 校办 一些 部分 个别 该类 两家 其他 "
    "这家 那家 每家 区 市 县 镇 乡 省 驻 属 内 外 级 家 所 个 的 商业 政策性 村镇 农村 城市 大型 "
    "小型 中小 重点 高等 普通 民办 公办 定点 基层 乡村 村级 二级 三级 公立 私立 医疗 养老 连锁 "
    "和 与 及 等 在 对 向 为 中小学 老旧 废弃 闲置 加工 化工 工程 劳务 科技型 企业 集体 合作 专业 股份经济 经济 物业".split()
)

# ---- numbers and codes ---------------------------------------------------------------------
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
ID_NUMBER_RE = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])"
                          r"(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])")
PHONE_RE = re.compile(
    r"(?<![0-9A-Za-z])(?:"
    r"1[3-9]\d{9}"                                   # mobile
    r"|(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}-)\d{7,8}(?:-\d{1,4})?"  # landline with area code
    r"|400-?\d{3}-?\d{4}"                             # service number
    r")(?![0-9A-Za-z])"
)
DOC_NUMBER_RE = re.compile(r"[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*第?\s*\d{1,4}\s*号")
# Issuing codes end with one of these characters: 京政发, 区委办, 某函.
DOC_CODE_ENDINGS = set("发函字办通电纪组党政委令文报便复规")
DOC_CODE_MAX = 6
DOC_CODE_STOP = set("的了印据照按于将和及与在根对为是、，,。；;：:“”\"《》（）() ")
ADDRESS_NUMBER_RE = re.compile(r"\s*(?:\d{1,5}|[一二三四五六七八九十百]{1,4})\s*号")
