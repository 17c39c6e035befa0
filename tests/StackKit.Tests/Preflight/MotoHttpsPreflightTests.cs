using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using StackKit.Tests.Moto;

namespace StackKit.Tests.Preflight;

/// <summary>
/// The HTTPS checks before a deploy on moto, which keeps ACM certificates (a requested one stays PENDING_VALIDATION
/// for 60 s, an imported one is ISSUED at once) and Route 53 zones, public and private: each refusal names what is
/// wrong and the fix, and sends nothing to CloudFormation.
/// </summary>
[Collection(UsesMoto.Name)]
public sealed class MotoHttpsPreflightTests(MotoServer moto) : PreflightOnMotoTests(moto)
{
    private readonly MotoServer _server = moto;

    [Fact]
    public async Task A_certificate_of_another_region_is_refused_before_any_call()
    {
        var elsewhere = await RequestCertificateAsync("api.example.com", "us-west-2");
        ArgumentException? error = null;

        var actions = await Moto.ActionsDuringAsync(async () =>
            error = await Assert.ThrowsAsync<ArgumentException>(() => CreateAsync(new HttpServiceOptions { CertificateArn = elsewhere })));

        Assert.Empty(actions);
        Assert.StartsWith("CertificateArn is a certificate of us-west-2, but the stack is in us-east-1", error!.Message, StringComparison.Ordinal);
        Assert.Contains("Request or import the certificate in ACM in us-east-1", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Moto.StackNamesAsync());
    }

    [Fact]
    public async Task A_certificate_still_pending_validation_is_refused_with_the_record_that_validates_it()
    {
        var pending = await RequestCertificateAsync("api.example.com", MotoServer.Region);
        PreflightException? error = null;

        var actions = await Moto.ActionsDuringAsync(async () =>
            error = await Assert.ThrowsAsync<PreflightException>(() => CreateAsync(new HttpServiceOptions { CertificateArn = pending })));

        Assert.DoesNotContain(actions, action => action.StartsWith("Create", StringComparison.Ordinal));
        Assert.Equal((PreflightCheck.Certificate, "us-east-1"), (error!.Check, error.Region));
        Assert.StartsWith($"Certificate {pending} is not issued yet (PENDING_VALIDATION), and a load balancer takes only an issued certificate.", error.Message, StringComparison.Ordinal);
        // moto's validation record, as ACM shows it: the name under the domain, the value under acm-validations.aws.
        Assert.Contains("the validation record CNAME _d930b28be6c5927595552b219965053e.api.example.com. -> _c9edd76ee4a0e2a74388032f3861cc50.ykybfrwcxw.acm-validations.aws. in the domain's DNS: create it", error.Message, StringComparison.Ordinal);
        Assert.Contains("aws acm wait certificate-validated", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Moto.StackNamesAsync());
    }

    [Fact]
    public async Task A_certificate_ACM_does_not_know_is_refused()
    {
        const string missing = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000";

        var error = await Assert.ThrowsAsync<PreflightException>(() => CreateAsync(new HttpServiceOptions { CertificateArn = missing }));

        Assert.StartsWith($"Certificate {missing} does not exist in ACM in us-east-1 for this account. Check the ARN (aws acm list-certificates --region us-east-1)", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Moto.StackNamesAsync());
    }

    [Fact]
    public async Task An_issued_certificate_for_other_names_is_refused_naming_what_it_covers()
    {
        var certificate = await ImportCertificateAsync("www.example.com", "shop.example.com");
        var zone = await CreateZoneAsync("example.com");

        var error = await Assert.ThrowsAsync<PreflightException>(() => CreateAsync(Https(certificate, "api.example.com", zone)));

        Assert.Equal(PreflightCheck.Certificate, error.Check);
        Assert.StartsWith($"Certificate {certificate} covers www.example.com, shop.example.com, not api.example.com, so browsers would refuse https://api.example.com.", error.Message, StringComparison.Ordinal);
        Assert.Contains("aws acm request-certificate --domain-name api.example.com --validation-method DNS --region us-east-1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wildcard", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Moto.StackNamesAsync());
    }

    [Theory]
    [InlineData("a.b.example.com")]
    [InlineData("example.com")]
    public async Task A_wildcard_certificate_covers_exactly_one_label(string domain)
    {
        var certificate = await ImportCertificateAsync("*.example.com");
        var zone = await CreateZoneAsync("example.com");

        var error = await Assert.ThrowsAsync<PreflightException>(() => CreateAsync(Https(certificate, domain, zone)));

        Assert.StartsWith($"Certificate {certificate} covers *.example.com, not {domain}", error.Message, StringComparison.Ordinal);
        Assert.Contains("A wildcard name covers exactly one label: *.example.com covers www.example.com, but neither example.com nor a.b.example.com.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_issued_certificate_covering_the_domain_in_a_public_zone_that_holds_it_passes_and_the_stack_is_created()
    {
        var wildcard = await ImportCertificateAsync("*.example.com");
        var zone = await CreateZoneAsync("example.com");

        var stack = await CreateAsync(Https(wildcard, "api.example.com", zone));

        Assert.Equal("CREATE_COMPLETE", stack.Status.Value);
        Assert.Equal(new Uri("https://api.example.com"), stack.Url);
        Assert.DoesNotContain(Moto.Warnings, w => w.Check is PreflightCheck.Certificate or PreflightCheck.HostedZone);
    }

    [Fact]
    public async Task A_zone_that_does_not_contain_the_domain_is_refused()
    {
        var certificate = await ImportCertificateAsync("api.example.com");
        var zone = await CreateZoneAsync("example.org");

        var error = await Assert.ThrowsAsync<PreflightException>(() => CreateAsync(Https(certificate, "api.example.com", zone)));

        Assert.Equal((PreflightCheck.HostedZone, "us-east-1"), (error.Check, error.Region));
        Assert.Equal(
            $"Hosted zone {zone} is example.org, which does not contain api.example.com: Route 53 takes only records for names in its zone. " +
            "Pass the id of the zone that holds api.example.com (aws route53 list-hosted-zones-by-name --dns-name example.com), or set DomainName to a name under example.org.",
            error.Message);
        Assert.Empty(await Moto.StackNamesAsync());
    }

    [Fact]
    public async Task A_zone_whose_name_only_ends_like_the_domain_does_not_contain_it()
    {
        var certificate = await ImportCertificateAsync("api.myexample.com");
        var zone = await CreateZoneAsync("example.com");

        var error = await Assert.ThrowsAsync<PreflightException>(() => CreateAsync(Https(certificate, "api.myexample.com", zone)));

        Assert.Contains("which does not contain api.myexample.com", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_zone_is_refused()
    {
        var certificate = await ImportCertificateAsync("api.example.com");
        var vpc = (await Moto.AwsAsync("ec2", "create-vpc", "--cidr-block", "10.9.0.0/16")).GetProperty("Vpc").GetProperty("VpcId").GetString()!;
        var zone = await CreateZoneAsync("example.com", "--vpc", $"VPCRegion=us-east-1,VPCId={vpc}", "--hosted-zone-config", "PrivateZone=true");

        var error = await Assert.ThrowsAsync<PreflightException>(() => CreateAsync(Https(certificate, "api.example.com", zone)));

        Assert.StartsWith($"Hosted zone {zone} (example.com) is private: it answers only inside its VPCs, so api.example.com would not resolve on the internet.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Pass the id of the public zone of example.com", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Moto.StackNamesAsync());
    }

    [Fact]
    public async Task A_zone_Route_53_does_not_know_is_refused()
    {
        var certificate = await ImportCertificateAsync("api.example.com");

        var error = await Assert.ThrowsAsync<PreflightException>(() => CreateAsync(Https(certificate, "api.example.com", "Z0123456789ABCDEFGHIJ")));

        Assert.StartsWith("Hosted zone Z0123456789ABCDEFGHIJ does not exist in Route 53 for this account. Pass the id of the public zone that holds api.example.com", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_that_adds_a_domain_outside_the_zone_is_refused_and_the_stack_keeps_its_template()
    {
        var certificate = await ImportCertificateAsync("api.example.com", "api.example.org");
        await CreateAsync(new HttpServiceOptions { CertificateArn = certificate });
        var zone = await CreateZoneAsync("example.com");
        var before = await Moto.AwsAsync("cloudformation", "get-template", "--stack-name", "checked");

        var error = await Assert.ThrowsAsync<PreflightException>(() => Moto.Service.UpdateAsync("checked", new HttpServiceStackUpdate
        {
            Options = new HttpServiceOptionChanges().Set(o => o.DomainName, "api.example.org").Set(o => o.HostedZoneId, zone),
        }));

        Assert.Equal(PreflightCheck.HostedZone, error.Check);
        Assert.Contains("does not contain api.example.org", error.Message, StringComparison.Ordinal);
        Assert.Equal(before.ToString(), (await Moto.AwsAsync("cloudformation", "get-template", "--stack-name", "checked")).ToString());
    }

    [Fact]
    public async Task Route_53_is_called_at_its_global_endpoint_signed_for_us_east_1_whatever_the_stack_s_region()
    {
        var zone = await CreateZoneAsync("example.com");
        using var scopes = new SigningScopes();
        using var aws = _server.Connect("eu-west-2", scopes);

        var found = await aws.Route53.GetHostedZoneAsync("/hostedzone/" + zone, CancellationToken.None);

        Assert.Equal(($"/hostedzone/{zone}", "example.com.", false), (found!.Id, found.Name, found.PrivateZone));
        Assert.Equal(["us-east-1/route53"], scopes.Seen);
    }

    private Task<HttpServiceStack> CreateAsync(HttpServiceOptions template) => Moto.CreateAsync(new(), template: template);

    private static HttpServiceOptions Https(string certificate, string domain, string zone) =>
        new() { CertificateArn = certificate, DomainName = domain, HostedZoneId = zone };

    private async Task<string> RequestCertificateAsync(string domain, string region) =>
        (await Moto.AwsAsync("acm", "request-certificate", "--domain-name", domain, "--validation-method", "DNS", "--region", region)).GetProperty("CertificateArn").GetString()!;

    /// <summary>Imports a self-signed certificate for <paramref name="names"/> (the first is the subject): ACM lists an imported one as ISSUED.</summary>
    private async Task<string> ImportCertificateAsync(params string[] names)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            alternativeNames.AddDnsName(name);
        }
        request.CertificateExtensions.Add(alternativeNames.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90));
        var folder = Directory.CreateTempSubdirectory("stackkit-acm-");
        try
        {
            var certificatePath = Path.Combine(folder.FullName, "certificate.pem");
            var keyPath = Path.Combine(folder.FullName, "key.pem");
            await File.WriteAllTextAsync(certificatePath, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());
            var imported = await Moto.AwsAsync("acm", "import-certificate", "--certificate", "fileb://" + certificatePath, "--private-key", "fileb://" + keyPath);
            return imported.GetProperty("CertificateArn").GetString()!;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Creates a zone and returns its bare id, as a user passes it.</summary>
    private async Task<string> CreateZoneAsync(string name, params string[] more)
    {
        var zone = await Moto.AwsAsync(["route53", "create-hosted-zone", "--name", name, "--caller-reference", Guid.NewGuid().ToString(), .. more]);
        return zone.GetProperty("HostedZone").GetProperty("Id").GetString()!.Replace("/hostedzone/", "", StringComparison.Ordinal);
    }

    /// <summary>Records the <c>REGION/SERVICE</c> of each Route 53 request's SigV4 credential scope.</summary>
    private sealed class SigningScopes() : DelegatingHandler(new HttpClientHandler())
    {
        private readonly List<string> _seen = [];

        public IReadOnlyList<string> Seen => _seen;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // AWS4-HMAC-SHA256 Credential=AKID/20261206/us-east-1/route53/aws4_request, SignedHeaders=..., Signature=...
            if (request.Headers.TryGetValues("Authorization", out var values) && values.Single() is var signature && signature.Contains("/route53/", StringComparison.Ordinal))
            {
                var scope = signature.Split(',')[0].Split('/');
                _seen.Add($"{scope[2]}/{scope[3]}");
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
