using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using StackKit.Aws;
using StackKit.Stacks;

namespace StackKit.PowerShell.Completion;

/// <summary>
/// Tab completion for -StackName: the StackKit stacks in the region the command line names (or the default one).
/// Completion must never hang the prompt, so a slow or failing lookup completes nothing.
/// </summary>
public sealed class StackNameCompleter : IArgumentCompleter
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
            var stacks = Task.Run(() => new StackLifecycle(connection).ListAsync(timeout.Token), timeout.Token).GetAwaiter().GetResult();
            return stacks
                .Select(stack => stack.Name)
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
