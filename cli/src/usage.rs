//! Usage text and usage errors (exit status 2).

use std::fmt;

use doorstep::Coded;
use doorstep::args::ArgError;

/// What `doorstep help` prints.
pub(crate) const USAGE: &str = "\
用法 / usage:
  doorstep demo [--days N] [--seed S] [--start YYYY-MM-DD] [--cases-per-day N] [--lang zh-CN|en] [--out DIR]
      模拟海沧区 48 个社区站的一段时间（预约、各渠道、一件事、免申即办、帮办代办、补正、节假日、好差评、
      差评整改、办不成事、期间撤销一项授权），全部经引擎办理并输出全区报告；--out 另写出 events.jsonl、
      metrics.json 和 dashboard.html
      simulate the sample district over a period, every step through the engine, and print the
      district report; with --out also write the events, the metrics and an HTML dashboard
  doorstep demo ids [--lang zh-CN|en]
      号码核验演示 / the identifier checks on sample values
  doorstep id check [--kind KIND] [--at YYYY-MM-DD] [--lang zh|en] VALUE...
      每个号码输出一行 JSON；VALUE 为 - 时从标准输入逐行读取
      one JSON object per value; a VALUE of - reads values from standard input, one per line
      KIND: resident_id residence_permit credit_code org_code mobile landline postal_code bank_card
      (默认按号码形状识别 / detected from the shape by default; --at defaults to today, UTC+8)
  doorstep catalog lint [--at YYYY-MM-DD] [--lang zh|en] FILE
      检查事项目录，每个问题一行（附 JSON 路径） / lint a catalogue, one line per problem with its JSON path
  doorstep catalog matters --catalog FILE [--at YYYY-MM-DD] [--lang zh|en] [QUERY]
      在该日期生效、编码、名称、检索词或部门名称含 QUERY 每个词的事项（不给则全部），输出 JSON 列表
      the matters in effect whose code, name, keywords or department name have each word of QUERY
  doorstep catalog bundles --catalog FILE [--at YYYY-MM-DD] [--lang zh|en] [QUERY]
      在该日期可办、编码、名称、检索词、牵头部门名称或成员事项含 QUERY 每个词的一件事（不给则全部）
      the bundles open on the date whose code, name, keywords, lead department or members have each word
  doorstep catalog form --catalog FILE (--matter CODE | --bundle CODE) [--at YYYY-MM-DD] [--lang zh|en]
      待填写的表单（一件事为合并表单），输出 JSON / the form to render (a bundle's merged form)
  doorstep catalog materials --catalog FILE (--matter CODE | --bundle CODE) [--available SOURCE[,SOURCE...]]
                             [--at YYYY-MM-DD] [--lang zh|en] [ANSWER.json]
      按答案须提交的材料（不给答案时按 {}），减去所列共享数据来源可免提交的
      the documents to bring for the answer ({} without one), minus those the sources stand for
  doorstep catalog prefill --catalog FILE (--matter CODE | --bundle CODE) --shared SHARED.json
                           [--at YYYY-MM-DD] [--lang zh|en] ANSWER.json
      以共享数据填入答案中声明了来源的空字段，输出答案 / the answer with empty fields filled from shared data
      (以上命令按今天载入并检查目录，--at 只是查询的日期 / these load the catalogue as of today; --at dates the query)
  doorstep validate --catalog FILE (--matter CODE | --bundle CODE) [--at YYYY-MM-DD] [--lang zh|en]
                    [--shared SHARED.json] FORM.json
      校验表单，输出 {\"matters\", \"valid\", \"errors\", \"normalized\"}；目录按今天载入，--at 为校验日期；
      表单无效时退出码为 1
      validate a form answer (exit 1 when invalid); the catalogue loads as of today, --at dates the validation
  doorstep calendar add-working-days [--catalog FILE] [--lang zh-CN|en] YYYY-MM-DD N
      该日期之后的第 N 个工作日（含调休；N 为 0 时即该日期；--catalog 时含目录自带的节假日安排）
      the N-th working day after the date (with --catalog, the catalogue's own arrangements too)
  doorstep calendar years [--catalog FILE] [--lang zh-CN|en]
      工作日历已有节假日安排的年份，每行一个（不在其中的年份不计算期限；--catalog 时含目录自带的）
      the years the calendar has arrangements for, one a line (no deadline is counted into another)
  doorstep stamp verify --catalog FILE [--lang zh-CN|en] STAMP.json
      核验一次用印（授权链、时效、范围、撤销、用印规则），输出 JSON 结论
      verify a stamp against the catalogue's grants and seals: {\"valid\", \"actsInNameOf\", \"chain\", \"failures\"}
  doorstep ledger verify --catalog FILE [--head HEAD.json] [--lang zh-CN|en] LEDGER.jsonl
      核验用印台账（哈希链、留存末端、每次用印），问题附行号
      verify a stamp ledger (hash chain, kept head, every stamp): {\"valid\", \"entries\", \"head\", \"problems\"}
  doorstep case replay --catalog FILE [--lang zh-CN|en] EVENTS.jsonl
      重放办件事件（每行一个事件），先按案件编号每个案件输出一行 {\"case\": 案件}，
      再按行号每个被拒事件输出一行 {\"rejected\": {\"line\", \"index\", \"code\", \"params\", \"message\"}}
      replay case events (JSON Lines): one {\"case\": CASE} line per case, in id order, then one
      {\"rejected\": {\"line\", \"index\", \"code\", \"params\", \"message\"}} line per refused event, in line order
      （评价与办不成事的事件行跳过，demo --out 写出的全部事件可直接重放 / the lines of reviews and
      complaints are skipped: the events demo --out writes replay as they are)
  doorstep case timeline [--lang zh-CN|en] EVENTS.jsonl CASE
      一个案件的办理时间线（一件事含各子件及其汇总状态、免申即办的后续事项），输出 JSON
      one case's timeline (a bundle with its member cases and joined state, successors started
      without application): {\"outcome\": \"found\", \"timeline\"} or {\"outcome\": \"refused\", \"error\"}
  doorstep policy match --catalog FILE [--at YYYY-MM-DD] [--lang zh|en] PROFILES.jsonl
      政策匹配（免申即享）：每行一个个人或企业档案（PROFILES 为 - 时读标准输入），每行输出
      {\"line\", \"matches\"}（每项政策的 eligible 与 reasons）或 {\"line\", \"error\"}；--at 默认为今天
      match profiles (JSON Lines) against the catalogue's policies: one {\"line\", \"matches\"} line
      (each policy with eligible and reasons) or {\"line\", \"error\"} line per profile
  doorstep metrics [--from YYYY-MM-DD] [--to YYYY-MM-DD] EVENTS.jsonl
      由事件重算全区、各街道、各社区站的指标（与 demo 写出的 metrics.json 相同）
      recompute the metrics of the district, its street centres and stations from events
  doorstep --version
  doorstep COMMAND --help
      该命令的用法 / the usage of one command
退出码 / exit status: 0 全部有效 all valid, 1 有无效的号码、表单、目录问题、被拒事件或无法读取的档案行 some input invalid
  (a number, a form, catalogue problems, a refused event, an unreadable profile line), 2 用法错误或无法使用的文件、
  文档、目录或代码 usage error, or a file, document, catalogue or code that cannot be used
文件参数为 - 时读标准输入 / a file argument of - reads standard input";

/// A command line that cannot run.
#[derive(Debug)]
pub(crate) enum UsageError {
    /// No command at all.
    NoCommand,
    /// No such command.
    UnknownCommand(String),
    /// A command that takes a subcommand (`catalog`, `case`, …) given none: the command and
    /// its subcommands, as the usage lists them.
    MissingSubcommand(String, Vec<&'static str>),
    /// A positional argument the command does not take.
    UnexpectedArgument(String),
    /// No such option for this command.
    UnknownOption(String),
    /// An option without its value.
    MissingValue(&'static str),
    /// An option the command needs, not given.
    MissingOption(&'static str),
    /// A file that is not what the command reads, its problem already printed
    /// (`catalog lint` on a file that is not a catalogue).
    Unusable,
    /// An option given twice (`--lang en --lang zh`: which was meant?).
    RepeatedOption(&'static str),
    /// An option left out whose default comes from the input, which has none to give
    /// (`metrics` over a file without events: no first or last day).
    NoDefault(&'static str),
    /// A positional argument left out (its name in the usage: `FILE`, `EVENTS.jsonl`, …).
    MissingArgument(&'static str),
    /// An option value the core rejects.
    Arg(ArgError),
    /// Standard input could not be read.
    Stdin(std::io::Error),
    /// A file could not be read.
    File(String, std::io::Error),
    /// A document that cannot be used.
    Input(doorstep::input::InputError, doorstep::Lang),
    /// The engine refused the catalogue or the target.
    Engine(doorstep::engine::EngineError, doorstep::Lang),
    /// Exactly one of --matter and --bundle is needed.
    MatterOrBundle,
    /// An option value out of its range or not of its form.
    Invalid(&'static str, String),
    /// A run that could not finish (the message says why).
    Failed(String),
    /// A count of working days that is not a whole number within range.
    WorkingDays,
    /// An input the core cannot answer for, with its stable code and its message in zh-CN
    /// and en (e.g. `calendar.out_of_range`).
    Coded {
        /// The core's code.
        code: &'static str,
        /// The core's message, `"zh-CN / en"`.
        message: String,
    },
}

/// The part of [`USAGE`] for the command `words` begin with (`validate`, `case replay`, …;
/// `demo` has two forms, both shown), then the exit statuses; all of it when they name no
/// command.
pub(crate) fn usage_for(words: &[String]) -> String {
    let (head, rest) = USAGE.split_once('\n').unwrap_or((USAGE, ""));
    let footer_at = rest.find("退出码 / exit status").unwrap_or(rest.len());
    let (body, footer) = rest.split_at(footer_at);
    let body = body.trim_end_matches('\n');
    // Each form is a line "  doorstep COMMAND …" and the lines indented under it.
    let mut forms: Vec<Vec<&str>> = Vec::new();
    for line in body.lines() {
        match forms.last_mut() {
            Some(form) if !line.starts_with("  doorstep ") => form.push(line),
            _ => forms.push(vec![line]),
        }
    }
    // The forms the first two words typed name (`case replay`), else the first (`demo`).
    let named = |n: usize| -> Vec<&Vec<&str>> {
        let typed = || words.iter().take(n).map(String::as_str);
        forms
            .iter()
            .filter(|form| {
                let listed = form.first().into_iter().flat_map(|l| l.split_whitespace());
                words.len() >= n && typed().eq(listed.skip(1).take(n))
            })
            .collect()
    };
    match [2, 1]
        .map(named)
        .into_iter()
        .find(|found| !found.is_empty())
    {
        Some(found) => std::iter::once(head)
            .chain(found.into_iter().flatten().copied())
            .chain([footer])
            .collect::<Vec<_>>()
            .join("\n"),
        None => USAGE.to_owned(),
    }
}

/// The subcommands of `command` as [`USAGE`] lists them (`catalog` → `lint`, `matters`, …),
/// in their order there; none for a command without subcommands or no command at all.
pub(crate) fn subcommands(command: &str) -> Vec<&'static str> {
    let mut found: Vec<&'static str> = Vec::new();
    for line in USAGE.lines() {
        let mut words = line.split_whitespace();
        if line.starts_with("  doorstep ") && words.nth(1) == Some(command) {
            // A subcommand is a word; options and placeholders begin with `-`, `[`, `(` or
            // an upper-case letter.
            if let Some(sub) = words
                .next()
                .filter(|w| w.starts_with(|c: char| c.is_ascii_lowercase()))
            {
                if !found.contains(&sub) {
                    found.push(sub);
                }
            }
        }
    }
    found
}

impl UsageError {
    /// Whether the command line itself is wrong (a command, an option, a value typed), as
    /// opposed to what it names (a file that cannot be read, a document or code the engine
    /// refuses): only then is the command's usage worth showing.
    pub(crate) fn is_command_line(&self) -> bool {
        match self {
            Self::NoCommand
            | Self::UnknownCommand(_)
            | Self::MissingSubcommand(..)
            | Self::UnexpectedArgument(_)
            | Self::UnknownOption(_)
            | Self::MissingValue(_)
            | Self::MissingOption(_)
            | Self::RepeatedOption(_)
            | Self::NoDefault(_)
            | Self::MissingArgument(_)
            | Self::Arg(_)
            | Self::MatterOrBundle
            | Self::Invalid(..)
            | Self::WorkingDays => true,
            Self::Stdin(_)
            | Self::File(..)
            | Self::Input(..)
            | Self::Engine(..)
            | Self::Failed(_)
            | Self::Unusable
            | Self::Coded { .. } => false,
        }
    }

    /// A coded core error, with its messages in both languages.
    pub(crate) fn coded(error: &impl Coded) -> Self {
        Self::Coded {
            code: error.code(),
            message: format!(
                "{} / {}",
                error.message(doorstep::Lang::ZhCn),
                error.message(doorstep::Lang::En)
            ),
        }
    }
}

/// What a person typed, as an error or a report repeats it: a number in it (an ID or phone
/// number typed in the wrong place, or naming a file) masked.
pub(crate) fn echo(typed: &str) -> String {
    doorstep::ids::mask_digit_runs(typed)
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoCommand => f.write_str("请给出命令 / give a command"),
            Self::UnexpectedArgument(a) => {
                write!(f, "多余的参数 / unexpected argument: {}", echo(a))
            }
            Self::UnknownCommand(c) => write!(f, "未知命令 / unknown command: {}", echo(c)),
            Self::MissingSubcommand(command, subcommands) => write!(
                f,
                "{command} 需要子命令（{}）/ {command} needs a subcommand: {}",
                subcommands.join("、"),
                subcommands.join(", ")
            ),
            Self::UnknownOption(o) => write!(f, "未知选项 / unknown option: {}", echo(o)),
            Self::MissingValue(o) => write!(f, "{o} 缺少取值 / {o} needs a value"),
            Self::MissingOption(o) => write!(f, "缺少选项 {o} / missing option {o}"),
            Self::Unusable => {
                f.write_str("无法使用此文件（见上）/ the file cannot be used (see above)")
            }
            Self::RepeatedOption(o) => {
                write!(f, "{o} 只能给出一次 / {o} given more than once")
            }
            Self::NoDefault(o) => write!(
                f,
                "文件中没有事件，无法推定 {o}：请给出 {o} / no events in the file to take {o} from: give {o}"
            ),
            Self::MissingArgument(name) => write!(f, "缺少参数 {name} / missing argument: {name}"),
            Self::Arg(e) => write!(
                f,
                "[{}] {} / {}",
                e.code(),
                e.message(doorstep::Lang::ZhCn),
                e.message(doorstep::Lang::En)
            ),
            Self::Stdin(e) => write!(f, "无法读取标准输入 / cannot read standard input: {e}"),
            Self::File(path, e) => write!(f, "无法读取文件 / cannot read {}: {e}", echo(path)),
            Self::Input(e, lang) => write!(f, "[{}] {}", e.code(), e.message(*lang)),
            Self::Engine(e, lang) => {
                write!(f, "[{}] {}", e.code(), e.message(*lang))?;
                if let doorstep::engine::EngineError::CatalogInvalid(problems) = e {
                    for p in problems {
                        let path = p.path.as_deref().unwrap_or_default();
                        write!(f, "\n  {path}: [{}] {}", p.code, p.message)?;
                    }
                }
                Ok(())
            }
            Self::Invalid(option, value) => {
                let value = echo(value);
                write!(
                    f,
                    "{option} 的取值无效 / invalid value for {option}: {value}"
                )
            }
            Self::Failed(why) => write!(f, "无法完成 / could not finish: {why}"),
            // Coded as the engine codes the same refusal, so every host reports it alike.
            Self::MatterOrBundle => write!(
                f,
                "[{}] 请给出 --matter 或 --bundle 之一 / give exactly one of --matter and --bundle",
                doorstep::engine::EngineError::Target.code()
            ),
            Self::WorkingDays => f.write_str(
                "工作日数无效：请填写 0 到 4294967295 之间的整数 / \
                 invalid number of working days: write a whole number from 0 to 4294967295",
            ),
            Self::Coded { code, message } => write!(f, "[{code}] {message}"),
        }
    }
}

/// A command line split into options and positional arguments.
pub(crate) struct CommandLine<'a> {
    /// `(name, value)` in the order given.
    options: Vec<(&'static str, &'a str)>,
    /// Everything that is not an option, in order.
    pub(crate) positional: Vec<&'a str>,
}

impl<'a> CommandLine<'a> {
    /// The value given for option `name` (each is given at most once).
    pub(crate) fn option(&self, name: &str) -> Option<&'a str> {
        self.options
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }
}

/// Reads `--name value` / `--name=value` options among `names`, each at most once;
/// everything else, and everything after `--`, is positional.
pub(crate) fn split_options<'a>(
    args: &'a [String],
    names: &[&'static str],
) -> Result<CommandLine<'a>, UsageError> {
    let mut options = Vec::new();
    let mut positional = Vec::new();
    let mut iter = args.iter();
    let mut only_positional = false;
    while let Some(arg) = iter.next() {
        if only_positional || !arg.starts_with("--") {
            positional.push(arg.as_str());
            continue;
        }
        if arg == "--" {
            only_positional = true;
            continue;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (arg.as_str(), None),
        };
        let name = *names
            .iter()
            .find(|n| **n == name)
            .ok_or_else(|| UsageError::UnknownOption(name.to_owned()))?;
        let value = match inline {
            Some(v) => v,
            None => iter.next().ok_or(UsageError::MissingValue(name))?.as_str(),
        };
        if options.iter().any(|(n, _)| *n == name) {
            return Err(UsageError::RepeatedOption(name));
        }
        options.push((name, value));
    }
    Ok(CommandLine {
        options,
        positional,
    })
}
