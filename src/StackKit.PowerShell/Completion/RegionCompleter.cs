using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Amazon;

namespace StackKit.PowerShell.Completion;

/// <summary>Tab completion for -Region from the regions AWSSDK.Core knows.</summary>
internal sealed class RegionCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return RegionEndpoint.EnumerableAllRegions
            .Where(region => region.SystemName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .OrderBy(region => region.SystemName, StringComparer.Ordinal)
            .Select(region => new CompletionResult(region.SystemName, region.SystemName, CompletionResultType.ParameterValue, region.DisplayName));
    }
}
