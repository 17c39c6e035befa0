using System.Globalization;
using System.Xml.Linq;

namespace StackKit.Aws;

/// <summary>
/// Reading Query-protocol XML by local name (each service has its own namespace): scalars, ISO 8601 timestamps and
/// <c>&lt;member&gt;</c> lists.
/// </summary>
internal static class XmlResponse
{
    public static string? ChildText(this XElement? element, string name) =>
        element?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    public static string RequiredText(this XElement element, string name) =>
        element.ChildText(name) ?? throw new FormatException($"The AWS answer's <{element.Name.LocalName}> has no <{name}>.");

    public static int ChildInt(this XElement element, string name) =>
        int.Parse(element.RequiredText(name), NumberStyles.Integer, CultureInfo.InvariantCulture);

    public static DateTimeOffset? ChildTime(this XElement element, string name)
    {
        var text = element.ChildText(name);
        return text is null
            ? null
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    /// <summary>The <c>&lt;member&gt;</c> elements of the list <paramref name="name"/>; empty when the list is absent.</summary>
    public static IEnumerable<XElement> Members(this XElement element, string name) =>
        element.Elements().Where(e => e.Name.LocalName == name).Elements().Where(e => e.Name.LocalName == "member");

    /// <summary>A list of key/value structures as a dictionary, e.g. Outputs (OutputKey/OutputValue).</summary>
    public static IReadOnlyDictionary<string, string> MemberPairs(this XElement element, string name, string keyName, string valueName)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in element.Members(name))
        {
            pairs[member.RequiredText(keyName)] = member.ChildText(valueName) ?? "";
        }
        return pairs;
    }
}
