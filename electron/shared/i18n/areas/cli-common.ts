import type { Same } from '../same-shape';

/**
 * Words every `hubkeeper` command shares (electron/cli): yes/no, unknown, the `warning:` and
 * `hint:` lines, the one-line error.
 */
export const cliCommonEn = {
  yes: 'yes',
  no: 'no',
  unknown: 'unknown',
  /** A value the hub did not give, in a dense table cell. */
  unknownShort: '?',
  never: 'never',
  /** Items of one line: "pre-release, released 2023-09-11". */
  listSeparator: ', ',
  seconds: '{n} s',
  warning: 'warning: {text}',
  hint: 'hint: {text}',
  /** One line of stderr from a data-folder command that kept a damaged file aside. */
  damaged:
    'hubkeeper: warning: {file} was damaged ({reason}); it was kept as {movedTo} and Hubkeeper went on without it.',
  error: {
    /**
     * A failure, one line, the code first so it can be searched for: when the message is in the
     * reader's language (English, the language of every error message, or the CLI's own words).
     */
    line: 'error {code}{hubCode}: {detail}',
    /**
     * The same when the message is not in the reader's language: the code's meaning and the
     * hub's result in the reader's words first (errors.*, hubResult.*), the message after.
     */
    explained: 'error {code}: {meaning}{hubNote}. Details: {detail}',
    /** The hub's result number, when the message does not already name it. */
    hubCode: ' (hub code {code})',
    /** A result number the window has words for (hubResult.*); else `hubCode` is the note. */
    hubNote: ' (hub code {code}: {result})',
    /** A message about one hub that does not name it. */
    where: '{hub}: {detail}',
  },
};

export const cliCommonZh: Same<typeof cliCommonEn> = {
  yes: '是',
  no: '否',
  unknown: '未知',
  unknownShort: '?',
  never: '从未',
  listSeparator: '，',
  seconds: '{n} 秒',
  warning: '警告：{text}',
  hint: '提示：{text}',
  damaged: 'hubkeeper：警告：{file} 已损坏（{reason}）；已另存为 {movedTo}，Hubkeeper 在没有它的情况下继续运行。',
  error: {
    line: '错误 {code}{hubCode}：{detail}',
    explained: '错误 {code}：{meaning}{hubNote}。详情：{detail}',
    hubCode: '（Hub 错误码 {code}）',
    hubNote: '（Hub 错误码 {code}：{result}）',
    where: '{hub}：{detail}',
  },
};
