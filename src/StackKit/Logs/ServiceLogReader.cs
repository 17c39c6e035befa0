using System.Runtime.CompilerServices;
using StackKit.Aws;
using StackKit.Aws.Logs;
using StackKit.Stacks;

namespace StackKit.Logs;

/// <summary>
/// Reads the service's central log group: every instance's events interleaved by time, each with its instance (the
/// stream is named by the instance id), and, to follow, polls for new ones until cancelled.
/// </summary>
internal sealed class ServiceLogReader(AwsConnection aws, TimeProvider time)
{
    /// <summary>
    /// How far behind the newest event a poll looks again: instances send their batches every 5 s (Docker's awslogs
    /// driver), so one instance's event may arrive after a later one of another instance. Events seen in this window
    /// are remembered by id and shown once.
    /// </summary>
    private static readonly TimeSpan LateArrival = TimeSpan.FromSeconds(15);

    public async IAsyncEnumerable<ServiceLogEvent> ReadAsync(string stackName, ServiceLogQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _ = query ?? throw new ArgumentNullException(nameof(query));
        StackInputRules.CheckStackName(stackName, nameof(stackName));
        var group = await LogGroupOfAsync(stackName, cancellationToken).ConfigureAwait(false);
        var start = query.Since ?? time.GetUtcNow() - ServiceLogQuery.DefaultLookBack;
        var newest = start;
        var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        while (true)
        {
            var from = query.Follow ? Later(start, Horizon(newest)) : start;
            string? token = null;
            do
            {
                var page = await PageAsync(stackName, group, from, query.Filter, token, cancellationToken).ConfigureAwait(false);
                // AWS interleaves the streams by time; the sort is stable, so equal times keep AWS's order.
                foreach (var logEvent in page.Events.OrderBy(e => e.Timestamp))
                {
                    if (query.Follow && !Remember(seen, logEvent))
                    {
                        continue;
                    }
                    newest = logEvent.Timestamp > newest ? logEvent.Timestamp : newest;
                    yield return new ServiceLogEvent(logEvent.Timestamp, logEvent.LogStreamName, logEvent.Message);
                }
                token = page.NextToken;
                // After each page, not each poll: a first read of days of events must not keep every id.
                Forget(seen, Horizon(newest));
            }
            while (token is not null);
            if (!query.Follow)
            {
                yield break;
            }
            await time.DelayAsync(ServiceLogQuery.FollowPollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Where the next poll starts: the late-arrival window before the newest event, but never after now, so one
    /// instance with a clock running ahead cannot hide the others' lines.
    /// </summary>
    private DateTimeOffset Horizon(DateTimeOffset newest) => (newest < time.GetUtcNow() ? newest : time.GetUtcNow()) - LateArrival;

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static bool Remember(Dictionary<string, DateTimeOffset> seen, LogEvent logEvent)
    {
        if (seen.ContainsKey(logEvent.EventId))
        {
            return false;
        }
        seen[logEvent.EventId] = logEvent.Timestamp;
        return true;
    }

    // Only the window a poll reads again needs remembering: memory stays bounded however long the follow runs.
    private static void Forget(Dictionary<string, DateTimeOffset> seen, DateTimeOffset before)
    {
        foreach (var old in seen.Where(pair => pair.Value < before).Select(pair => pair.Key).ToList())
        {
            seen.Remove(old);
        }
    }

    private async Task<LogEventPage> PageAsync(string stackName, string group, DateTimeOffset from, string? filter, string? token, CancellationToken cancellationToken)
    {
        try
        {
            return await aws.Logs.FilterLogEventsAsync(group, from, filter, token, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException error) when (LogsClient.IsGroupMissing(error))
        {
            throw new LogGroupMissingException(stackName, group, error);
        }
        catch (AwsServiceException error) when (error.ErrorCode == "InvalidParameterException" && !string.IsNullOrEmpty(filter))
        {
            throw new ArgumentException($"CloudWatch Logs refused the filter pattern '{filter}': {error.ErrorMessage}", nameof(filter), error);
        }
    }

    private async Task<string> LogGroupOfAsync(string stackName, CancellationToken cancellationToken)
    {
        // Like every other operation on a stack: a mistyped name must not read someone else's logs.
        var stack = await new StackLifecycle(aws, time).DescribeManagedAsync(stackName, "read the logs of", cancellationToken).ConfigureAwait(false);
        var resources = await aws.CloudFormation.DescribeStackResourcesAsync(stack.StackId, cancellationToken).ConfigureAwait(false);
        // By its logical id: the stack has other groups (the SSH key audit trail's), which are not the service's output.
        return resources.FirstOrDefault(r => r.LogicalResourceId == HttpService.CentralLogs.LogGroupLogicalId && r.PhysicalResourceId is { Length: > 0 })?.PhysicalResourceId
            ?? throw new LogGroupMissingException(stackName);
    }
}
