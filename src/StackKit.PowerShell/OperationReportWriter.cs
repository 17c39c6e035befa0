using System.Management.Automation;
using StackKit.Preflight;
using StackKit.Stacks;

namespace StackKit.PowerShell;

/// <summary>
/// Writes a core operation's reports on the pipeline thread: the checks' warnings as warnings, stack events as
/// verbose lines and one progress bar (for an operation that reports steps: one with an activity). After Ctrl-C it
/// writes nothing, as every Write call would throw and hide why the operation ended.
/// </summary>
internal sealed class OperationReportWriter(Cmdlet cmdlet, string? activity, CancellationToken stopping)
{
    private readonly ProgressRecord? _record = activity is null ? null : new(activityId: 1, activity, "Starting");

    /// <summary>Two kinds of report as one sequence, in the order they were made.</summary>
    public static (IProgress<StackProgress> Steps, IProgress<PreflightWarning> Warnings) Split(IProgress<object> reports) =>
        (new Relay<StackProgress>(reports), new Relay<PreflightWarning>(reports));

    public void Write(object report)
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }
        if (report is PreflightWarning warning)
        {
            cmdlet.WriteWarning(warning.Message);
            return;
        }
        var step = (StackProgress)report;
        var record = _record ?? throw new InvalidOperationException("Stack events were reported to a writer without an activity.");
        cmdlet.WriteVerbose($"{step.Timestamp:HH:mm:ss} {step}");
        record.StatusDescription = $"{step.LogicalResourceId}: {step.Status} ({step.ResourcesDone} of {step.ResourcesTotal} resources)";
        record.PercentComplete = step.ResourcesTotal > 0 ? Math.Min(99, 100 * step.ResourcesDone / step.ResourcesTotal) : -1;
        cmdlet.WriteProgress(record);
    }

    /// <summary>Closes the progress bar.</summary>
    public void Complete()
    {
        if (_record is not null && !stopping.IsCancellationRequested)
        {
            _record.RecordType = ProgressRecordType.Completed;
            cmdlet.WriteProgress(_record);
        }
    }

    /// <summary>Hands one kind of report to a queue that carries several, keeping their order.</summary>
    private sealed class Relay<TReport>(IProgress<object> reports) : IProgress<TReport>
        where TReport : notnull
    {
        public void Report(TReport value) => reports.Report(value);
    }
}
