using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace StackKit.PowerShell.Completion;

/// <summary>
/// Tab completion for -StackName: the StackKit stacks where the command would act: the command line's -Region,
/// -EndpointUrl, -ProfileName and keys, then $StoredAWSRegion and $StoredAWSCredentials, then the environment.
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
            // The command line first, then $StoredAWSRegion and $StoredAWSCredentials: the order the cmdlet itself uses.
            var request = new ConnectionRequest(
                Text(fakeBoundParameters, "Region"),
                Text(fakeBoundParameters, "EndpointUrl") is { } endpoint ? new Uri(endpoint) : null,
                Text(fakeBoundParameters, "ProfileName"),
                Text(fakeBoundParameters, "AccessKey"),
                Text(fakeBoundParameters, "SecretKey"),
                Text(fakeBoundParameters, "SessionToken"));
            using var connection = AwsConnection.Create(request.Resolve(SessionVariable, maxAttempts: 1).Options);
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

    /// <summary>A variable of the shell the completion runs in (a completer gets no session state of its own).</summary>
    private static object? SessionVariable(string name)
    {
        using var shell = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
        return shell.AddCommand("Get-Variable").AddParameter("Name", name).AddParameter("ValueOnly").AddParameter("ErrorAction", ActionPreference.Ignore).Invoke().FirstOrDefault();
    }

    private static string? Text(IDictionary fakeBoundParameters, string name) =>
        (fakeBoundParameters[name] is PSObject wrapped ? wrapped.BaseObject : fakeBoundParameters[name])?.ToString() is { Length: > 0 } text ? text : null;
}
