using System.Text.Json;
using Amazon.Runtime;
using StackKit.Aws;
using StackKit.Preflight;
using StackKit.Tests.Aws;
using StackKit.Tests.FakeAws;

namespace StackKit.Tests.Preflight;

/// <summary>
/// The certificate check against the scripted JSON fake, in ACM's real answers for what moto does not play (a
/// certificate that expired, failed or was revoked; a private one; a refused call), and the wire format of the
/// call as botocore's acm model states it.
/// </summary>
public sealed class CertificateCheckTests
{
    private const string Arn = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

    [Fact]
    public async Task The_call_is_DescribeCertificate_in_JSON_1_1_signed_for_acm()
    {
        await using var acm = await FakeJsonEndpoint.StartAsync(_ => (200, Answer("ISSUED", "AMAZON_ISSUED", "api.example.com")));

        await RunAsync(acm, "api.example.com");

        var request = Assert.Single(acm.Requests);
        Assert.Equal(("CertificateManager.DescribeCertificate", "application/x-amz-json-1.1", "acm"), (request.Target, request.ContentType, request.SigningService));
        Assert.Equal($$"""{"CertificateArn":"{{Arn}}"}""", request.Body.GetRawText());
        // The same as botocore's acm model: its target prefix, protocol, signing name, and the input shape's members.
        var model = BotocoreModelTests.LoadModel("acm");
        var metadata = model.GetProperty("metadata");
        Assert.Equal(("CertificateManager", "json", "1.1", "acm"),
            (metadata.GetProperty("targetPrefix").GetString(), metadata.GetProperty("protocol").GetString(), metadata.GetProperty("jsonVersion").GetString(), metadata.GetProperty("signingName").GetString()));
        var input = model.GetProperty("operations").GetProperty("DescribeCertificate").GetProperty("input").GetProperty("shape").GetString()!;
        var members = model.GetProperty("shapes").GetProperty(input).GetProperty("members");
        Assert.All(request.Body.EnumerateObject(), property => Assert.True(members.TryGetProperty(property.Name, out _), property.Name));
    }

    [Fact]
    public void Route_53_s_operation_and_endpoint_are_botocore_s()
    {
        var model = BotocoreModelTests.LoadModel("route53");
        var http = model.GetProperty("operations").GetProperty("GetHostedZone").GetProperty("http");

        Assert.Equal(("GET", "/2013-04-01/hostedzone/{Id}"), (http.GetProperty("method").GetString(), http.GetProperty("requestUri").GetString()));
        Assert.Equal(("rest-xml", "route53.amazonaws.com", "Route 53"),
            (model.GetProperty("metadata").GetProperty("protocol").GetString(), model.GetProperty("metadata").GetProperty("globalEndpoint").GetString(),
             model.GetProperty("metadata").GetProperty("serviceId").GetString()));
        Assert.Equal((new Uri("https://route53.amazonaws.com/"), "us-east-1"), (GlobalEndpoint.Route53(Amazon.RegionEndpoint.EUWest3).Endpoint, GlobalEndpoint.Route53(Amazon.RegionEndpoint.EUWest3).SigningRegion.SystemName));
        Assert.Equal(("Route 53", "ACM", "SNS"), (AwsService.Route53.ServiceId, AwsService.CertificateManager.ServiceId, AwsService.Sns.ServiceId));
    }

    [Fact]
    public async Task A_pending_certificate_in_ACM_s_own_shape_is_refused_with_each_validation_record()
    {
        // DescribeCertificate's answer for a DNS-validated request not yet validated (two names, two records).
        var pending = $$$$"""
            {"Certificate":{"CertificateArn":"{{{{Arn}}}}","DomainName":"example.com","SubjectAlternativeNames":["example.com","api.example.com"],
             "DomainValidationOptions":[
               {"DomainName":"example.com","ValidationDomain":"example.com","ValidationStatus":"PENDING_VALIDATION","ValidationMethod":"DNS",
                "ResourceRecord":{"Name":"_a79865eb4cd1a6ab990a45779b4e0b96.example.com.","Type":"CNAME","Value":"_424c7224e9b0146f9a8808af955727d0.acm-validations.aws."}},
               {"DomainName":"api.example.com","ValidationDomain":"api.example.com","ValidationStatus":"PENDING_VALIDATION","ValidationMethod":"DNS",
                "ResourceRecord":{"Name":"_f8e7d6c5b4a3.api.example.com.","Type":"CNAME","Value":"_0123456789ab.acm-validations.aws."}}],
             "Subject":"CN=example.com","CreatedAt":1.733529600E9,"Status":"PENDING_VALIDATION","KeyAlgorithm":"RSA-2048",
             "SignatureAlgorithm":"SHA256WITHRSA","InUseBy":[],"Type":"AMAZON_ISSUED","KeyUsages":[],"ExtendedKeyUsages":[],
             "RenewalEligibility":"INELIGIBLE","Options":{"CertificateTransparencyLoggingPreference":"ENABLED"}}}
            """;
        await using var acm = await FakeJsonEndpoint.StartAsync(_ => (200, pending));

        var error = await Assert.ThrowsAsync<PreflightException>(() => RunAsync(acm, "api.example.com"));

        Assert.Contains(
            "ACM issues it once it finds the validation records CNAME _a79865eb4cd1a6ab990a45779b4e0b96.example.com. -> _424c7224e9b0146f9a8808af955727d0.acm-validations.aws.; " +
            "CNAME _f8e7d6c5b4a3.api.example.com. -> _0123456789ab.acm-validations.aws. in the domain's DNS: create them,", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("ACM gives up 72 hours after the request (VALIDATION_TIMED_OUT).", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EXPIRED", "IMPORTED", "Import a renewed certificate under the same ARN (aws acm import-certificate --certificate-arn " + Arn + " ...) and deploy again, or request a new one")]
    [InlineData("REVOKED", "AMAZON_ISSUED", "Request a new one (aws acm request-certificate --domain-name api.example.com --validation-method DNS --region us-east-1) and pass its ARN once it is issued.")]
    [InlineData("VALIDATION_TIMED_OUT", "AMAZON_ISSUED", "Request a new one")]
    [InlineData("FAILED", "AMAZON_ISSUED", "Request a new one")]
    public async Task A_certificate_that_is_not_issued_is_refused_with_its_status_and_the_fix(string status, string type, string fix)
    {
        await using var acm = await FakeJsonEndpoint.StartAsync(_ => (200, Answer(status, type, "api.example.com")));

        var error = await Assert.ThrowsAsync<PreflightException>(() => RunAsync(acm, "api.example.com"));

        Assert.StartsWith($"Certificate {Arn} is {status}, and a load balancer takes only an issued certificate. {fix}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_of_a_private_authority_passes_with_a_warning()
    {
        await using var acm = await FakeJsonEndpoint.StartAsync(_ => (200, Answer("ISSUED", "PRIVATE", "api.example.com")));

        var warnings = await RunAsync(acm, "api.example.com");

        Assert.StartsWith($"Certificate {Arn} comes from a private certificate authority", Assert.Single(warnings, w => w.Check == PreflightCheck.Certificate).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_call_warns_and_lets_the_deploy_go_on()
    {
        await using var acm = await FakeJsonEndpoint.StartAsync(_ =>
            (400, """{"__type":"AccessDeniedException","Message":"User: arn:aws:iam::123456789012:user/ci is not authorized to perform: acm:DescribeCertificate"}"""));

        var warnings = await RunAsync(acm, "api.example.com");

        Assert.Equal(
            $"Could not check certificate {Arn} in us-east-1 (AccessDeniedException: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: acm:DescribeCertificate); the deploy goes on without that check.",
            Assert.Single(warnings).Message);
    }

    [Theory]
    [InlineData("api.example.com", "api.example.com", true)]
    [InlineData("API.Example.com.", "api.example.com", true)]
    [InlineData("*.example.com", "www.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", "a.b.example.com", false)]
    [InlineData("*.example.com", "wwwexample.com", false)]
    [InlineData("example.com", "www.example.com", false)]
    public void Names_match_as_TLS_matches_them(string certificateName, string domain, bool covers) =>
        Assert.Equal(covers, DnsName.Covers(certificateName, domain));

    [Theory]
    [InlineData("example.com", "example.com.", true)]
    [InlineData("api.example.com", "example.com.", true)]
    [InlineData("a.b.example.com", "Example.com", true)]
    [InlineData("api.myexample.com", "example.com.", false)]
    [InlineData("example.com", "api.example.com.", false)]
    public void A_zone_contains_its_own_name_and_the_names_under_it(string domain, string zone, bool within) =>
        Assert.Equal(within, DnsName.IsWithin(domain, zone));

    private static string Answer(string status, string type, params string[] names) => JsonSerializer.Serialize(new
    {
        Certificate = new { CertificateArn = Arn, DomainName = names[0], SubjectAlternativeNames = names, Status = status, Type = type, InUseBy = Array.Empty<string>() },
    });

    /// <summary>Runs the checks for a certificate alone (no key pair, AMI, offerings or image to check) and returns their warnings.</summary>
    private static async Task<IReadOnlyList<PreflightWarning>> RunAsync(FakeJsonEndpoint acm, string domain)
    {
        using var aws = AwsConnection.Create(new AwsClientOptions
        {
            Region = "us-east-1",
            EndpointUrl = acm.Url,
            Credentials = new BasicAWSCredentials("AKIDFAKE", "fake-secret"),
            MaxAttempts = 1,
        });
        var warnings = new List<PreflightWarning>();
        var target = new PreflightTarget(null, null, null, "t3.micro", CheckOfferings: false, null, Arn, domain);
        await new PreflightChecks(aws).RunAsync(target, new Collector(warnings), CancellationToken.None);
        return warnings;
    }

    private sealed class Collector(List<PreflightWarning> warnings) : IProgress<PreflightWarning>
    {
        public void Report(PreflightWarning value) => warnings.Add(value);
    }
}
