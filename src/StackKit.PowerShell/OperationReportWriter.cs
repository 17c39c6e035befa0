using System.Management.Automation;
using StackKit.Preflight;
using StackKit.Stacks;

namespace StackKit.PowerShell;

/// <summary>
/// Writes a core operation's reports on the pipeline thread: the checks' warnings as warnings, stack events and a
/// build's lines as verbose lines and one progress bar (for an operation that reports steps: one with an activity). After Ctrl-C it
/// writes nothing, as every Write call would throw and hide why the operation ended.
/// </summary>
internal sealed class OperationReportWriter(Cmdlet cmdlet, string? activity, CancellationToken stopping)
{
    private readonly ProgressRecord? _record = activity is null ? null : new(activityId: 1, activity, "Starting");

    /// <summary>Three kinds of report as one sequence, in the order they were made: stack events, warnings, and lines (a build's).</summary>
    public static (IProgress<StackProgress> Steps, IProgress<PreflightWarning> Warnings, IProgress<string> Lines) Split(IProgress<object> reports) =>
        (new Relay<StackProgress>(reports), new Relay<PreflightWarning>(reports), new Relay<string>(reports));

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
        if (report is string line)
        {
            // A tool's own lines: printable text only, so nothing in them drives the terminal.
            var text = StackKit.Logs.TerminalText.Escape(line);
            cmdlet.WriteVerbose(text);
            if (_record is not null && text.Trim().Length > 0)
            {
                _record.StatusDescription = text.Trim();
                _record.PercentComplete = -1;
                cmdlet.WriteProgress(_record);
            }
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
