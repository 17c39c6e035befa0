using System.Globalization;

namespace StackKit.Keys;

/// <summary>
/// The <c>authorized_keys</c> line the servers write for a key: its options, then the key line. A key that expires
/// carries <c>expiry-time="YYYYMMDDHHMMSSZ"</c> (sshd(8), OpenSSH 7.7+, UTC), so sshd itself refuses it after that time
/// even if the server never syncs again; unless forwarding is allowed, <c>restrict,pty</c> turns off port, agent and X11
/// forwarding and <c>~/.ssh/rc</c>, and gives back the terminal an interactive login needs.
/// </summary>
public static class AuthorizedKeyLine
{
    /// <summary>The options that take every restriction sshd knows (now and future ones) but the terminal.</summary>
    public const string Restrictions = "restrict,pty";

    private const string ExpiryOption = "expiry-time=\"";
    private const string ExpiryFormat = "yyyyMMddHHmmss";

    /// <summary>
    /// The line for <paramref name="key"/>: with <c>expiry-time</c> when <paramref name="expiresAt"/> is given (whole
    /// seconds, UTC), with <see cref="Restrictions"/> unless <paramref name="allowForwarding"/>; the bare key line when
    /// neither applies.
    /// </summary>
    public static string Format(OpenSshPublicKey key, DateTimeOffset? expiresAt, bool allowForwarding)
    {
        Guard.NotNull(key, nameof(key));
        var options = new List<string>(2);
        if (!allowForwarding)
        {
            options.Add(Restrictions);
        }

        if (expiresAt is { } at)
        {
            options.Add(ExpiryOption + at.UtcDateTime.ToString(ExpiryFormat, CultureInfo.InvariantCulture) + "Z\"");
        }

        return options.Count == 0 ? key.Line : string.Join(",", options) + " " + key.Line;
    }

    /// <summary>
    /// The expiry a line written by <see cref="Format"/> carries: null when it has none (it never expires), false when
    /// it has one that cannot be read.
    /// </summary>
    public static bool TryReadExpiry(string line, out DateTimeOffset? expiresAt)
    {
        Guard.NotNull(line, nameof(line));
        expiresAt = null;
        var firstSpace = line.IndexOf(' ');
        var options = firstSpace < 0 ? string.Empty : line.Substring(0, firstSpace);
        var start = options.IndexOf(ExpiryOption, StringComparison.Ordinal);
        if (start < 0)
        {
            return true;
        }

        var value = options.Substring(start + ExpiryOption.Length);
        if (value.Length < ExpiryFormat.Length + 2 || value.Substring(ExpiryFormat.Length, 2) != "Z\""
            || !DateTime.TryParseExact(value.Substring(0, ExpiryFormat.Length), ExpiryFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return false;
        }

        expiresAt = new DateTimeOffset(at, TimeSpan.Zero);
        return true;
    }
}
