using System.Globalization;
using System.Text;

namespace StackKit.Logs;

/// <summary>
/// Log text made safe to print: whoever runs code on an instance writes its log lines, and a raw escape sequence could
/// rewrite the operator's screen, hide text or set their clipboard (OSC 52). Control characters (tab aside) and the
/// bidirectional overrides become visible escapes such as <c>\x1B</c>.
/// </summary>
internal static class TerminalText
{
    public static string Escape(string text)
    {
        if (!text.Any(NeedsEscape))
        {
            return text;
        }
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(!NeedsEscape(c) ? c.ToString()
                : c < 0x100 ? "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture)
                : "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) =>
        (char.IsControl(c) && c != '\t') || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
