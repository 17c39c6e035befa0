using StackKit.Templates;

namespace StackKit.HttpService;

/// <summary>
/// The stack's deploys, kept in its own template's Metadata (<see cref="Key"/>), newest first, at most <see cref="Kept"/>.
/// The template is where the stack's options already live: it goes with every update, an update that rolls back
/// takes it back too (so the list holds only deploys that took effect), and it needs no store of its own. Ten entries
/// of at most a few hundred bytes each stay far below the 51,200 bytes of an inline template.
/// </summary>
internal static class DeploymentHistory
{
    public const string Key = "StackKit::Deployments";

    /// <summary>How many deploys are kept: enough to go back a working week of releases.</summary>
    public const int Kept = 10;

    /// <summary>The principal of a deploy StackKit did not record: the image a stack had when its history began.</summary>
    public const string UnknownPrincipal = "unknown (before the history)";

    /// <summary>One deploy as the metadata holds it.</summary>
    public sealed record Entry(string Image, string Principal, DateTimeOffset DeployedAt)
    {
        /// <summary>The digest a reference names (registry/name@sha256:...); null for a tag.</summary>
        public string? Digest => Image.IndexOf('@') is var at and >= 0 ? Image.Substring(at + 1) : null;
    }

    /// <summary>The deploys <paramref name="template"/> records, newest first; none when it records none or they are unreadable.</summary>
    public static IReadOnlyList<Entry> Read(Template template)
    {
        if (template.Metadata[Key] is not ListExpression list)
        {
            return [];
        }
        var entries = new List<Entry>();
        foreach (var item in list.Items.OfType<ObjectExpression>())
        {
            if (Text(item, "Image") is { } image && Text(item, "Principal") is { } principal
                && DateTimeOffset.TryParse(Text(item, "DeployedAt"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
            {
                entries.Add(new Entry(image, principal, at));
            }
        }
        return entries;
    }

    /// <summary>Writes <paramref name="entries"/> (newest first) into <paramref name="template"/>, the oldest beyond <see cref="Kept"/> dropped.</summary>
    public static void Write(Template template, IEnumerable<Entry> entries)
    {
        var items = entries.Take(Kept).Select(entry =>
        {
            var item = new ObjectExpression();
            item["Image"] = Literal.Of(entry.Image);
            item["Principal"] = Literal.Of(entry.Principal);
            item["DeployedAt"] = Literal.Of(entry.DeployedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            return (Expression)item;
        }).ToList();
        template.Metadata[Key] = items.Count == 0 ? null : new ListExpression(items);
    }

    private static string? Text(ObjectExpression item, string name) => item[name] is Literal { Value: string text } ? text : null;
}
