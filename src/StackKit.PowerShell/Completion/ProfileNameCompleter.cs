using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Amazon.Runtime.CredentialManagement;

namespace StackKit.PowerShell.Completion;

/// <summary>
/// Tab completion for -ProfileName: the profiles of the shared config and credentials files (AWS_CONFIG_FILE and
/// AWS_SHARED_CREDENTIALS_FILE honoured) and, on Windows, the SDK store AWS.Tools writes. Reads files only.
/// </summary>
public sealed class ProfileNameCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        try
        {
            return new CredentialProfileStoreChain().ListProfiles()
                .Select(profile => profile.Name)
                .Distinct(StringComparer.Ordinal)
                .Where(name => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .OrderBy(name => name, StringComparer.Ordinal)
                .Select(name => new CompletionResult(CompletionText.Quoted(name), name, CompletionResultType.ParameterValue, name))
                .ToList();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException)
        {
            return [];
        }
    }
}
