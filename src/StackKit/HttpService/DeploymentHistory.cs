using System.Text;
using StackKit.Stacks;
using StackKit.Templates;

namespace StackKit.HttpService;

/// <summary>
/// The stack's deploys, kept in its own template's Metadata (<see cref="Key"/>), newest first, at most <see cref="Kept"/>.
/// The template is where the stack's options already live: it goes with every update, an update that rolls back
/// takes it back too (so the list holds only deploys that took effect), and it needs no store of its own. The template
/// goes inline, where CloudFormation takes at most 51,200 bytes: the largest template with ten of the longest entries
/// fits (tested), and should one not, the oldest entries are dropped until it does.
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

    /// <summary>
    /// Writes <paramref name="entries"/> (newest first) into <paramref name="template"/>, the oldest beyond
    /// <see cref="Kept"/> dropped, and further oldest ones while the template as sent (<see cref="TemplateWriter.ToBody"/>) is over CloudFormation's
    /// inline limit; the newest is always kept. Returns how many were dropped for size.
    /// </summary>
    public static int Write(Template template, IEnumerable<Entry> entries)
    {
        var items = entries.Take(Kept).Select(entry =>
        {
            var item = new ObjectExpression();
            item["Image"] = Literal.Of(entry.Image);
            item["Principal"] = Literal.Of(entry.Principal);
            item["DeployedAt"] = Literal.Of(entry.DeployedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            return (Expression)item;
        }).ToList();
        var dropped = 0;
        while (true)
        {
            template.Metadata[Key] = items.Count == 0 ? null : new ListExpression(items);
            if (items.Count <= 1 || Encoding.UTF8.GetByteCount(TemplateWriter.ToBody(template)) <= StackInputRules.MaxTemplateBodyBytes)
            {
                return dropped;
            }
            items.RemoveAt(items.Count - 1);
            dropped++;
        }
    }

    private static string? Text(ObjectExpression item, string name) => item[name] is Literal { Value: string text } ? text : null;
}
