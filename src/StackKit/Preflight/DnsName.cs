namespace StackKit.Preflight;

/// <summary>
/// Comparing DNS names as certificates and zones use them: case-insensitive (RFC 4343), a final dot ignored, and a
/// wildcard only as a whole left-most label matching exactly one label (RFC 6125 section 6.4.3, RFC 2818 section 3.1:
/// "*.a.com matches foo.a.com but not bar.foo.a.com"), so <c>*.example.com</c> covers neither <c>example.com</c>
/// nor <c>a.b.example.com</c>.
/// </summary>
internal static class DnsName
{
    public static string Normalize(string name) => name.TrimEnd('.').ToLowerInvariant();

    /// <summary>Whether the certificate name <paramref name="pattern"/> (possibly <c>*.rest</c>) covers <paramref name="name"/>.</summary>
    public static bool Covers(string pattern, string name)
    {
        pattern = Normalize(pattern);
        name = Normalize(name);
        if (!pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            return pattern == name;
        }
        var firstDot = name.IndexOf('.');
        return firstDot > 0 && name.Substring(firstDot + 1) == pattern.Substring(2);
    }

    /// <summary>Whether <paramref name="name"/> is the zone's own name or a name under it.</summary>
    public static bool IsWithin(string name, string zone)
    {
        name = Normalize(name);
        zone = Normalize(zone);
        return name == zone || name.EndsWith("." + zone, StringComparison.Ordinal);
    }
}
