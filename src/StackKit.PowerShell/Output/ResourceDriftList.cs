using System.Collections.ObjectModel;

namespace StackKit.PowerShell.Output;

/// <summary>A stack's drifted resources; as text (Export-Csv, string conversion) one "id status" per resource.</summary>
public sealed class ResourceDriftList(IEnumerable<ResourceDriftInfo> resources) : ReadOnlyCollection<ResourceDriftInfo>(resources.ToList())
{
    /// <inheritdoc />
    public override string ToString() => string.Join("; ", this.Select(resource => $"{resource.LogicalId} {resource.Status}"));
}
