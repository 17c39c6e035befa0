using System.Text;

namespace StackKit.Server.Storage;

/// <summary>
/// The key blobs an <c>authorized_keys</c> file names, split as sshd reads them: blobs on plain lines (they log in
/// as they are) and blobs on lines with options (restricted, or not a login key at all, like <c>cert-authority</c>).
/// Comment lines name no key.
/// </summary>
internal sealed class AuthorizedKeyBlobs
{
    private static readonly string[] KeyTypePrefixes = ["ssh-", "ecdsa-", "sk-"];

    private readonly HashSet<string> plain = new(StringComparer.Ordinal);
    private readonly HashSet<string> withOptions = new(StringComparer.Ordinal);
    private readonly HashSet<string> lines = new(StringComparer.Ordinal);

    /// <summary>How many lines name a key (plain or with options), counting those recorded by <see cref="Add"/>.</summary>
    public int Count { get; private set; }

    public static AuthorizedKeyBlobs Parse(byte[] content)
    {
        var blobs = new AuthorizedKeyBlobs();
        foreach (var line in Encoding.UTF8.GetString(content).Split('\n'))
        {
            blobs.lines.Add(line);
            var tokens = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0 || tokens[0].StartsWith('#'))
            {
                continue;
            }

            // sshd reads a line as a bare key when its first field is a key type, and as options + key otherwise.
            if (tokens.Length > 1 && IsKeyType(tokens[0]))
            {
                blobs.plain.Add(tokens[1]);
                blobs.Count++;
                continue;
            }

            blobs.Count += tokens.Skip(1).Any(t => t.StartsWith("AAAA", StringComparison.Ordinal)) ? 1 : 0;
            foreach (var token in tokens.Skip(1).Where(t => t.StartsWith("AAAA", StringComparison.Ordinal)))
            {
                blobs.withOptions.Add(token);
            }
        }

        return blobs;
    }

    /// <summary>Where the blob stands; a blob recorded by <see cref="Add"/> counts as plain.</summary>
    public KeyAddOutcome? Find(string blob) =>
        plain.Contains(blob) ? KeyAddOutcome.AlreadyPresent
        : withOptions.Contains(blob) ? KeyAddOutcome.PresentWithOptions
        : null;

    /// <summary>Whether the file has this exact line.</summary>
    public bool HasLine(string line) => lines.Contains(line);

    /// <summary>Records a blob about to be appended on a plain line.</summary>
    public void Add(string blob)
    {
        plain.Add(blob);
        Count++;
    }

    private static bool IsKeyType(string token) =>
        KeyTypePrefixes.Any(prefix => token.StartsWith(prefix, StringComparison.Ordinal)) && !token.Contains('=', StringComparison.Ordinal);
}
