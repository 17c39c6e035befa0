using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace StackKit.PowerShell.Completion;

/// <summary>
/// Tab completion for -StackName: the StackKit stacks in the region the command line names (or the default one).
/// Completion must never hang the prompt, so a slow or failing lookup completes nothing.
/// </summary>
internal sealed class StackNameCompleter : IArgumentCompleter
{
    private static readonly TimeSpan LookupBudget = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        try
        {
            using var timeout = new CancellationTokenSource(LookupBudget);
            using var connection = AwsConnection.Create(new AwsClientOptions
            {
                Region = fakeBoundParameters["Region"] as string,
                EndpointUrl = fakeBoundParameters["EndpointUrl"] is { } endpoint ? new Uri(endpoint.ToString()!) : null,
                ProfileName = fakeBoundParameters["ProfileName"] as string,
                Credentials = fakeBoundParameters["AccessKey"] is string accessKey && fakeBoundParameters["SecretKey"] is string secretKey
                    ? fakeBoundParameters["SessionToken"] is string token
                        ? new Amazon.Runtime.SessionAWSCredentials(accessKey, secretKey, token)
                        : new Amazon.Runtime.BasicAWSCredentials(accessKey, secretKey)
                    : null,
                MaxAttempts = 1,
            });
            var names = Task.Run(() => new HttpServiceStacks(connection).ListNamesAsync(timeout.Token), timeout.Token).GetAwaiter().GetResult();
            return names
                .Where(name => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .OrderBy(name => name, StringComparer.Ordinal)
                .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name))
                .ToList();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return [];
        }
    }
}
