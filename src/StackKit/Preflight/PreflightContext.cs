using System.Collections.Concurrent;
using Amazon.EC2;
using StackKit.Aws.CertificateManager;
using StackKit.Aws.Ecr;
using StackKit.Aws.Route53;

namespace StackKit.Preflight;

/// <summary>What every check reads (the target, the region, the clients) and where it leaves its warnings.</summary>
internal sealed class PreflightContext(
    PreflightTarget target, string region, IAmazonEC2 ec2, RegistryClient registry, CertificateManagerClient certificateManager, Route53Client route53, EcrClient ecr)
{
    private readonly ConcurrentQueue<PreflightWarning> _warnings = new();

    public PreflightTarget Target { get; } = target;

    public string Region { get; } = region;

    public IAmazonEC2 Ec2 { get; } = ec2;

    public RegistryClient Registry { get; } = registry;

    public CertificateManagerClient CertificateManager { get; } = certificateManager;

    public Route53Client Route53 { get; } = route53;

    public EcrClient Ecr { get; } = ecr;

    public IReadOnlyCollection<PreflightWarning> Warnings => _warnings;

    /// <summary>Set when the default image is missing and the target builds it instead (<see cref="PreflightTarget.BuildsMissingDefaultImage"/>).</summary>
    public bool DefaultImageMissing { get; set; }

    public void Warn(PreflightCheck check, string message) => _warnings.Enqueue(new PreflightWarning(check, message));

    /// <summary>A check's refusal, naming the region it was made in.</summary>
    /// <param name="check">The check that refuses.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="defaultImageMissing">The refusal is of the default image, which <see cref="HttpServiceStackRequest.BuildImage"/> can build in its place.</param>
    public PreflightException Refuse(PreflightCheck check, string message, bool defaultImageMissing = false) =>
        new(check, Region, message) { DefaultImageMissing = defaultImageMissing };
}
