namespace StackKit.PowerShell.Completion;

/// <summary>A completion's text as PowerShell must read it back: quoted when it holds characters the parser splits on.</summary>
internal static class CompletionText
{
    public static string Quoted(string value) =>
        value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '@')
            ? value
            : "'" + value.Replace("'", "''") + "'";
}
