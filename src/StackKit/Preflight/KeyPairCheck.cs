using Amazon.EC2;
using Amazon.EC2.Model;

namespace StackKit.Preflight;

/// <summary>The key pair exists in the region: an unknown one fails every launch, after the 15-minute signal wait.</summary>
internal sealed class KeyPairCheck : IPreflightCheck
{
    public PreflightCheck Name => PreflightCheck.KeyPair;

    public string Subject(PreflightTarget target) => $"key pair '{target.KeyName}'";

    public bool AppliesTo(PreflightTarget target) => target.KeyName is not null;

    public async Task CheckAsync(PreflightContext context, CancellationToken cancellationToken)
    {
        var name = context.Target.KeyName!;
        try
        {
            var answer = await context.Ec2.DescribeKeyPairsAsync(new DescribeKeyPairsRequest { KeyNames = [name] }, cancellationToken).ConfigureAwait(false);
            if (answer.KeyPairs?.Count > 0)
            {
                return;
            }
        }
        catch (AmazonEC2Exception error) when (error.ErrorCode == "InvalidKeyPair.NotFound")
        {
        }
        throw context.Refuse(Name,
            $"Key pair '{name}' does not exist in {context.Region}. Create or import it there " +
            $"(aws ec2 create-key-pair --key-name {name} --region {context.Region}), pass the name of one that exists, " +
            "or leave the key pair out for a stack without SSH.");
    }
}
