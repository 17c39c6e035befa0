using System.Globalization;
using System.Text.Json;
using StackKit.Aws;
using StackKit.Aws.Logs;
using StackKit.HttpService;
using StackKit.Stacks;

namespace StackKit.SshKeys;

/// <summary>
/// Reads a stack's SSH key audit trail: the lines the audit function writes to its own log group (output
/// <c>KeyAuditLog</c>), newest first, each change once.
/// </summary>
internal sealed class SshKeyHistory(AwsConnection aws, TimeProvider time)
{
    /// <summary>How far back the history looks when no start is given.</summary>
    public static readonly TimeSpan DefaultLookBack = TimeSpan.FromDays(30);

    /// <summary>The most changes one read returns: the newest ones.</summary>
    public const int MaxChanges = 10_000;

    // CloudWatch Logs' JSON selector (docs/templates.md "Key alerts and audit"); every line is parsed again here.
    private const string FilterPattern = "{ $.audit = \"ssh-key\" }";

    public async Task<IReadOnlyList<SshKeyChange>> ReadAsync(string stackName, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        StackInputRules.CheckStackName(stackName, nameof(stackName));
        var stack = await new StackLifecycle(aws, time).DescribeManagedAsync(stackName, "read the SSH key history of", cancellationToken).ConfigureAwait(false);
        if (!stack.Outputs.TryGetValue(HttpServiceNames.KeyAuditLogOutput, out var group) || group.Length == 0)
        {
            throw LogGroupMissingException.NoAuditTrail(stack.StackName);
        }

        // One start for every page: a next token belongs to the request that gave it.
        var start = since ?? time.GetUtcNow() - DefaultLookBack;
        var changes = new Dictionary<string, SshKeyChange>(StringComparer.Ordinal);
        var unnamed = new List<SshKeyChange>();
        string? token = null;
        do
        {
            LogEventPage page;
            try
            {
                page = await aws.Logs.FilterLogEventsAsync(group, start, FilterPattern, token, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException error) when (LogsClient.IsGroupMissing(error))
            {
                throw new LogGroupMissingException(stack.StackName, group, error);
            }
            foreach (var change in page.Events.Select(e => Parse(stack.StackName, e.Message)).OfType<SshKeyChange>())
            {
                if (change.EventId is { } id)
                {
                    changes[id] = change;
                }
                else
                {
                    unnamed.Add(change);
                }
            }
            token = page.NextToken;
        }
        while (token is not null);
        return changes.Values.Concat(unnamed)
            .OrderByDescending(change => change.At ?? DateTimeOffset.MinValue)
            .Take(MaxChanges)
            .ToList();
    }

    /// <summary>
    /// One audit line, or null for a line that is not one (the function's own start and end lines). Its text comes from
    /// whoever wrote the table: nothing that could steer a terminal is passed on.
    /// </summary>
    internal static SshKeyChange? Parse(string stackName, string message)
    {
        try
        {
            using var line = JsonDocument.Parse(message);
            var root = line.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "audit") != "ssh-key" || Kind(Text(root, "change")) is not { } kind)
            {
                return null;
            }
            return new SshKeyChange
            {
                StackName = stackName,
                Change = kind,
                Fingerprint = SshKeyItem.Printable(Text(root, "fingerprint")),
                Type = SshKeyItem.Printable(Text(root, "type")),
                Comment = SshKeyItem.Printable(Text(root, "comment")),
                By = SshKeyItem.Printable(Text(root, "by")) ?? "not recorded",
                At = Time(Text(root, "at")),
                ExpiresAt = Time(Text(root, "expiresAt")),
                EventId = Text(root, "eventId"),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The words KeyAudit.py writes.
    private static SshKeyChangeKind? Kind(string? change) => change switch
    {
        "added" => SshKeyChangeKind.Added,
        "pending" => SshKeyChangeKind.Pending,
        "approved" => SshKeyChangeKind.Approved,
        "denied" => SshKeyChangeKind.Denied,
        "removed" => SshKeyChangeKind.Removed,
        "expired" => SshKeyChangeKind.Expired,
        _ => null,
    };

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
}
