using System.Collections.ObjectModel;

namespace StackKit.PowerShell.Output;

/// <summary>Outputs, parameters or tags by name; as text (Export-Csv) "name=value; ...", in name order.</summary>
public sealed class StringMap(IReadOnlyDictionary<string, string> values)
    : ReadOnlyDictionary<string, string>(new SortedDictionary<string, string>(values.ToDictionary(pair => pair.Key, pair => pair.Value), StringComparer.Ordinal))
{
    /// <inheritdoc />
    public override string ToString() => string.Join("; ", this.Select(pair => $"{pair.Key}={pair.Value}"));
}
