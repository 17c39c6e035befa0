using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace StackKit.PowerShell.Completion;

/// <summary>
/// Tab completion for -InstanceType from a static list of common general-purpose and compute types (x86_64, as the
/// default AMI is). The list is a convenience, not a limit: any type EC2 offers is accepted, and the preflight checks
/// that it runs the AMI and is offered in the stack's zones.
/// </summary>
public sealed class InstanceTypeCompleter : IArgumentCompleter
{
    private static readonly string[] CommonTypes =
    [
        "t3.nano", "t3.micro", "t3.small", "t3.medium", "t3.large", "t3.xlarge", "t3.2xlarge",
        "t3a.nano", "t3a.micro", "t3a.small", "t3a.medium", "t3a.large",
        "m5.large", "m5.xlarge", "m6i.large", "m6i.xlarge", "m7i.large", "m7i.xlarge",
        "c5.large", "c5.xlarge", "c6i.large", "c6i.xlarge", "c7i.large", "c7i.xlarge",
        "r6i.large", "r7i.large",
    ];

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return CommonTypes
            .Where(type => type.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(type => new CompletionResult(type, type, CompletionResultType.ParameterValue, $"{type} (a common type; any type EC2 offers is accepted)"));
    }
}
