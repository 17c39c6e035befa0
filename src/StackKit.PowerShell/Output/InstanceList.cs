using System.Collections.ObjectModel;

namespace StackKit.PowerShell.Output;

/// <summary>A stack's instances; as text (Export-Csv, string conversion) one "id state/health" per instance.</summary>
public sealed class InstanceList(IEnumerable<InstanceInfo> instances) : ReadOnlyCollection<InstanceInfo>(instances.ToList())
{
    /// <inheritdoc />
    public override string ToString() => string.Join("; ", this);
}
