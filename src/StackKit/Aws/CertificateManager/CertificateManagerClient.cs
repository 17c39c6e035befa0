using System.Text.Json.Nodes;

namespace StackKit.Aws.CertificateManager;

/// <summary>The ACM operation StackKit calls, mapped to and from the JSON 1.1 protocol (botocore's acm 2015-12-08 model).</summary>
internal sealed class CertificateManagerClient(JsonTransport transport)
{
    /// <summary>The certificate, or null when ACM does not know it in this account and region (<c>ResourceNotFoundException</c>).</summary>
    public async Task<Certificate?> DescribeCertificateAsync(string certificateArn, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await transport.SendAsync(
                AwsService.CertificateManager, "DescribeCertificate", new JsonObject { ["CertificateArn"] = certificateArn }, cancellationToken).ConfigureAwait(false);
            return answer.TryGetProperty("Certificate", out var detail) ? Certificate.FromJson(detail) : null;
        }
        catch (AwsServiceException error) when (error.ErrorCode == "ResourceNotFoundException")
        {
            return null;
        }
    }
}
