using Amazon.Runtime;
using StackKit.Aws;

namespace StackKit.Preflight;

/// <summary>
/// Runs the checks before a deploy, all at once (one round trip to EC2, one lookup in the image's registry (ECR's DescribeImages for a private image), and with
/// HTTPS one call each to ACM and Route 53: about a second), and within a bounded time: a check that gets no answer warns and lets the deploy go on; one that finds a
/// launch-breaking value throws <see cref="PreflightException"/> and nothing is sent.
/// </summary>
internal sealed class PreflightChecks(AwsConnection aws)
{
    /// <summary>How long the checks may take before the unanswered ones give up with a warning.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static readonly IPreflightCheck[] All = [
        new KeyPairCheck(), new AmiCheck(), new InstanceTypeOfferingCheck(), new DockerImageCheck(), new CertificateCheck(), new HostedZoneCheck(),
    ];

    /// <summary>Checks <paramref name="target"/>, reports the warnings in check order, then throws the first failure.</summary>
    /// <returns>Whether the default image is missing, to be built in its place (<see cref="PreflightTarget.BuildsMissingDefaultImage"/>).</returns>
    /// <exception cref="PreflightException">A value would make the deploy fail.</exception>
    public async Task<bool> RunAsync(PreflightTarget target, IProgress<PreflightWarning>? warnings, CancellationToken cancellationToken)
    {
        var checks = All.Where(check => check.AppliesTo(target)).ToList();
        if (checks.Count == 0)
        {
            return false;
        }
        using var ec2 = aws.CreateEc2Client();
        using var registry = new RegistryClient();
        var context = new PreflightContext(target, aws.Region.SystemName, ec2, registry, aws.CertificateManager, aws.Route53, aws.Ecr);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        var failures = await Task.WhenAll(checks.Select(check => RunAsync(check, context, deadline.Token, cancellationToken))).ConfigureAwait(false);
        foreach (var warning in context.Warnings.OrderBy(w => Array.FindIndex(All, check => check.Name == w.Check)))
        {
            warnings?.Report(warning);
        }
        if (failures.FirstOrDefault(failure => failure is not null) is { } failed)
        {
            throw failed;
        }
        return context.DefaultImageMissing;
    }

    private static async Task<PreflightException?> RunAsync(IPreflightCheck check, PreflightContext context, CancellationToken deadline, CancellationToken cancellationToken)
    {
        string problem;
        try
        {
            await check.CheckAsync(context, deadline).ConfigureAwait(false);
            return null;
        }
        catch (PreflightException refused)
        {
            return refused;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            problem = $"no answer within {Timeout.TotalSeconds:0} s";
        }
        catch (AmazonServiceException error)
        {
            problem = string.IsNullOrEmpty(error.ErrorCode) ? error.Message : $"{error.ErrorCode}: {error.Message}";
        }
        catch (AwsServiceException error)
        {
            // StackKit's own clients (ACM, Route 53): AccessDenied, throttling after the retries, no connection.
            problem = $"{error.ErrorCode}: {error.ErrorMessage}";
        }
        catch (AmazonClientException error)
        {
            problem = error.Message;
        }
        catch (HttpRequestException error)
        {
            problem = error.Message;
        }
        context.Warn(check.Name, $"Could not check {check.Subject(context.Target)} in {context.Region} ({problem}); the deploy goes on without that check.");
        return null;
    }
}
