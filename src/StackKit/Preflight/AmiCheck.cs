using Amazon.EC2;
using Amazon.EC2.Model;

namespace StackKit.Preflight;

/// <summary>
/// The AMI exists in the region, and its architecture is one the instance type runs. Without an explicit AMI the
/// architecture comes from the SSM parameter's name (Amazon Linux's public parameters end in x86_64 or arm64; the
/// ECS-optimized ones name arm64 in their path and are x86_64 without it), so an arm64 instance type with the default
/// x86_64 AMI is caught too.
/// </summary>
internal sealed class AmiCheck : IPreflightCheck
{
    public PreflightCheck Name => PreflightCheck.Ami;

    public string Subject(PreflightTarget target) => target.AmiId is null ? $"the architecture of instance type {target.InstanceType}" : $"AMI {target.AmiId}";

    public bool AppliesTo(PreflightTarget target) => target.AmiId is not null || ArchitectureOf(target.AmiSsmParameter) is not null;

    public async Task CheckAsync(PreflightContext context, CancellationToken cancellationToken)
    {
        var target = context.Target;
        var imageArchitecture = target.AmiId is null
            ? Task.FromResult(ArchitectureOf(target.AmiSsmParameter))
            : ImageArchitectureAsync(context, target.AmiId, cancellationToken);
        var supported = SupportedArchitecturesAsync(context, target.InstanceType, cancellationToken);
        await Task.WhenAll(imageArchitecture, supported).ConfigureAwait(false);
        var architecture = await imageArchitecture.ConfigureAwait(false);
        var architectures = await supported.ConfigureAwait(false);
        // An unknown instance type is the offerings check's to report.
        if (architecture is null || architectures is null || architectures.Contains(architecture))
        {
            return;
        }
        var image = target.AmiId is null ? $"The default AMI (SSM parameter {target.AmiSsmParameter})" : $"AMI {target.AmiId}";
        throw context.Refuse(Name,
            $"{image} is built for {architecture}, but instance type {target.InstanceType} in {context.Region} runs " +
            $"{string.Join(" or ", architectures)} only. Pick an instance type for {architecture}, or an AMI for {string.Join(" or ", architectures)}.");
    }

    private async Task<string?> ImageArchitectureAsync(PreflightContext context, string amiId, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await context.Ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [amiId] }, cancellationToken).ConfigureAwait(false);
            if (answer.Images?.FirstOrDefault() is { } image)
            {
                return image.Architecture;
            }
        }
        catch (AmazonEC2Exception error) when (error.ErrorCode.StartsWith("InvalidAMIID.", StringComparison.Ordinal))
        {
        }
        throw context.Refuse(Name,
            $"AMI {amiId} does not exist in {context.Region}, or this account may not use it. AMI ids differ between " +
            $"regions: look it up in {context.Region} (aws ec2 describe-images --region {context.Region} --owners amazon ...), " +
            "copy the image there, or leave AmiId out for the latest Amazon Linux 2023.");
    }

    private static async Task<IReadOnlyList<string>?> SupportedArchitecturesAsync(PreflightContext context, string instanceType, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await context.Ec2.DescribeInstanceTypesAsync(new DescribeInstanceTypesRequest { InstanceTypes = [instanceType] }, cancellationToken).ConfigureAwait(false);
            return answer.InstanceTypes?.FirstOrDefault()?.ProcessorInfo?.SupportedArchitectures?.ToList();
        }
        catch (AmazonEC2Exception error) when (error.ErrorCode == "InvalidInstanceType")
        {
            return null;
        }
    }

    private static string? ArchitectureOf(string? ssmParameter) =>
        ssmParameter is null ? null
        : ssmParameter.EndsWith("arm64", StringComparison.Ordinal) ? "arm64"
        : ssmParameter.EndsWith("x86_64", StringComparison.Ordinal) ? "x86_64"
        : ssmParameter.StartsWith(EcsOptimizedAmazonLinux2023, StringComparison.Ordinal) ? (ssmParameter.Contains("/arm64/", StringComparison.Ordinal) ? "arm64" : "x86_64")
        : null;

    private const string EcsOptimizedAmazonLinux2023 = "/aws/service/ecs/optimized-ami/amazon-linux-2023/";
}
