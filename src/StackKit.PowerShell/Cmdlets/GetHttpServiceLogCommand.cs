using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;
using StackKit.HttpService;
using StackKit.Logs;
using StackKit.PowerShell.Completion;
using StackKit.PowerShell.Validation;

namespace StackKit.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Gets the service's log lines from every server of a stack, interleaved by time, each with its instance.</para>
/// <para type="description">Reads the stack's CloudWatch Logs group, where each server's container writes its output
/// (one stream per instance, named by the instance id), and writes one object per line, oldest first: Timestamp,
/// InstanceId and Message. -Since says how far back to start (a TimeSpan such as 01:00:00 or 30m, 2h, 1d, or a
/// DateTime; default: the last 10 minutes). -Filter takes a CloudWatch Logs filter pattern. -Follow keeps reading and
/// shows new lines within a few seconds until Ctrl-C, which ends it cleanly. Stacks created without central logs
/// (-NoFleetKeyStore) have no log group; the error says so.</para>
/// </summary>
/// <example>
/// <code>Get-HttpServiceLog -StackName web -Since 1h</code>
/// <para>Shows the last hour of every server's output.</para>
/// </example>
/// <example>
/// <code>Get-HttpServiceLog web -Follow -Filter '?error ?warn'</code>
/// <para>Follows the lines that contain "error" or "warn" until Ctrl-C.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "HttpServiceLog", HelpUri = HelpLinks.Base + "get-httpservicelog")]
[OutputType(typeof(ServiceLogEvent))]
public sealed class GetHttpServiceLogCommand : StackKitCmdlet
{
    private static readonly Regex ShortSpan = new("^([0-9]+)([smhdw])$", RegexOptions.CultureInvariant);

    /// <summary>The stack; accepts the objects Get-HttpServiceStack writes, and reads in their region.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    [ValidateNotNullOrEmpty]
    [ValidateStackName]
    public string StackName { get; set; } = string.Empty;

    /// <summary>
    /// The oldest lines to show: a TimeSpan before now (01:00:00, or 30m, 2h, 1d, 1w), or a DateTime (local unless it
    /// says otherwise). Default: the last 10 minutes.
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public object? Since { get; set; }

    /// <summary>Keeps showing new lines, within a few seconds of their arrival, until Ctrl-C.</summary>
    [Parameter]
    public SwitchParameter Follow { get; set; }

    /// <summary>A CloudWatch Logs filter pattern, e.g. ERROR, "exact phrase", ?error ?warn, or { $.level = "error" }.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Filter { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var since = StartOfSince(Since);
        if (!PipedStackFitsRegion())
        {
            return;
        }
        var query = new ServiceLogQuery { Since = since, Filter = Filter, Follow = Follow };
        try
        {
            // Connecting writes a verbose line, which only the pipeline thread may do.
            var stacks = Stacks;
            var written = 0;
            AsyncOperationRunner.Stream(
                token => stacks.ReadLogsAsync(StackName, query, token),
                line =>
                {
                    written++;
                    WriteObject(line);
                },
                CancellationToken);
            if (written == 0 && !Follow)
            {
                // An empty answer looks like a failure at a prompt; say what was read, and where lines would come from.
                WriteWarning(NoLinesMessage(StackName, since ?? DateTimeOffset.UtcNow - ServiceLogQuery.DefaultLookBack, Filter));
            }
        }
        catch (Exception error) when (ErrorRecordFor(error, StackName) is not null)
        {
            WriteStackError(error, StackName);
        }
    }

    internal static string NoLinesMessage(string stackName, DateTimeOffset since, string? filter) =>
        $"Stack {stackName} has no log lines since {since.ToLocalTime():yyyy-MM-dd HH:mm:ss zzz}{(filter is null ? string.Empty : $" matching '{filter}'")}. " +
        "Give an earlier -Since, or -Follow to wait for new lines; a server writes here once its container has started.";

    /// <summary>The moment <paramref name="since"/> means: a span before <paramref name="now"/>, or a point in time.</summary>
    internal static DateTimeOffset StartOf(object since, DateTimeOffset now)
    {
        DateTimeOffset start;
        try
        {
            start = Parse(since, now);
        }
        catch (Exception tooFar) when (tooFar is OverflowException or ArgumentOutOfRangeException)
        {
            throw new ArgumentException($"-Since '{since}' reaches too far back; CloudWatch Logs keeps events from 1970 on. Give a shorter span, such as 30d.", tooFar);
        }
        return start >= DateTimeOffset.FromUnixTimeMilliseconds(0)
            ? start
            : throw new ArgumentException($"-Since '{since}' is before 1970, where CloudWatch Logs has no events; give a later time or a shorter span.");
    }

    private static DateTimeOffset Parse(object since, DateTimeOffset now)
    {
        var value = since is PSObject wrapped ? wrapped.BaseObject : since;
        var span = value switch
        {
            TimeSpan given => given,
            string text when ShortSpan.Match(text.Trim()) is { Success: true } match => Span(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value),
            string text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => (TimeSpan?)null,
        };
        if (span is { } back)
        {
            return back >= TimeSpan.Zero
                ? now - back
                : throw new ArgumentException($"-Since {back} is negative; give how far back to start, such as 30m or 01:00:00.");
        }
        return value switch
        {
            DateTimeOffset moment => moment,
            DateTime moment => new DateTimeOffset(moment.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(moment, DateTimeKind.Local) : moment),
            string text when DateTimeOffset.TryParse(text, CultureInfo.CurrentCulture, DateTimeStyles.AssumeLocal, out var moment) => moment,
            _ => throw new ArgumentException(
                $"-Since '{value}' is neither a TimeSpan (01:00:00, or 30m, 2h, 1d, 1w) nor a date and time (2026-12-01T09:00)."),
        };
    }

    private static TimeSpan Span(int count, string unit) => unit switch
    {
        "s" => TimeSpan.FromSeconds(count),
        "m" => TimeSpan.FromMinutes(count),
        "h" => TimeSpan.FromHours(count),
        "d" => TimeSpan.FromDays(count),
        _ => TimeSpan.FromDays(7.0 * count),
    };
}
