using System.Text;
using Amazon.EC2.Model;
using Amazon.Runtime;
using StackKit.Aws;

namespace StackKit.Stacks;

/// <summary>Reads an instance's console (EC2 GetConsoleOutput, Latest) and keeps the lines that explain its boot.</summary>
internal sealed class InstanceConsole(AwsConnection aws, TimeProvider time)
{
    /// <summary>The console lags the instance by seconds: a read without the failure line is tried again after this.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The console's failure lines (<see cref="BootConsole.FailureLines"/>), read up to <paramref name="attempts"/> times
    /// until a FAILED line shows; or, instead, why the console could not be read (no permission, no such instance).
    /// </summary>
    public async Task<(IReadOnlyList<string> Lines, string? Unreadable)> ReadFailureLinesAsync(string instanceId, int attempts, CancellationToken cancellationToken)
    {
        using var ec2 = aws.CreateEc2Client();
        for (var attempt = 1; ; attempt++)
        {
            IReadOnlyList<string> lines;
            try
            {
                var answer = await ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = instanceId, Latest = true }, cancellationToken).ConfigureAwait(false);
                lines = BootConsole.FailureLines(string.IsNullOrEmpty(answer.Output) ? "" : Encoding.UTF8.GetString(Convert.FromBase64String(answer.Output)));
            }
            catch (Exception error) when (error is AmazonClientException or AmazonServiceException or HttpRequestException or IOException or FormatException
                                          || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // No permission (ec2:GetConsoleOutput), no such instance, EC2 unreachable: the caller says so instead.
                return ([], error.Message);
            }
            if (attempt >= attempts || HasFailedStep(lines))
            {
                return (lines, null);
            }
            await time.DelayAsync(RetryDelay, cancellationToken).ConfigureAwait(false);
        }
    }

    public static bool HasFailedStep(IReadOnlyList<string> lines) =>
        lines.Any(line => line.StartsWith(BootConsole.FailedMarker, StringComparison.Ordinal));
}
