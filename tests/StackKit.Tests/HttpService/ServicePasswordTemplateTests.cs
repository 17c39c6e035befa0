using StackKit.Keys;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using StackKit.HttpService;
using StackKit.Templates;
using StackKit.Tests.FirstBoot;

namespace StackKit.Tests.HttpService;

/// <summary>
/// No template variant carries the service password, or anything that yields it short of guessing through PBKDF2:
/// not the template, not the launch template's rendered user data (what instance metadata serves), not a parameter's
/// default nor any value StackKit sends.
/// </summary>
public sealed class ServicePasswordTemplateTests
{
    private const string Password = "Never in the template: 2026!";

    public static TheoryData<string> Variants => TemplateVariants.Names;

    [Theory]
    [MemberData(nameof(Variants))]
    public void The_password_and_its_encodings_occur_nowhere_in_the_template_user_data_or_parameters(string variant)
    {
        var template = HttpServiceTemplate.Build(TemplateVariants.All[variant]);
        var json = TemplateWriter.ToJson(template);
        var sent = HttpServiceParameters.Complete(template, HttpServiceStackValues.ByParameter(null, null, null, null, null, new NetworkCredential("ops", Password)));
        var userData = RenderedUserData.From(json, "web", "eu-west-1", sent);
        var defaults = string.Join("\n", template.Parameters.Select(p => p.Default));

        var utf8 = Encoding.UTF8.GetBytes(Password);
        string[] forms =
        [
            Password,
            Convert.ToBase64String(utf8),
            Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + Password)),
            Convert.ToHexString(utf8),
            Uri.EscapeDataString(Password),
            "Never in the template",
        ];
        foreach (var (where, text) in new[] { ("template", json), ("user data", userData), ("parameter defaults", defaults), ("parameters sent", string.Join("\n", sent.Values)) })
        {
            foreach (var form in forms)
            {
                Assert.False(text.Contains(form, StringComparison.OrdinalIgnoreCase), $"The {where} of '{variant}' contains '{form}'.");
            }
        }

        // What is there instead: the hash, which the user data hands to the server, and which the password derives.
        var hash = sent[HttpServiceNames.ServicePasswordHash];
        Assert.Contains($"password_hash='{hash}'", userData, StringComparison.Ordinal);
        Assert.Contains("KeyInjection__PasswordHash=$password_hash", userData, StringComparison.Ordinal);
        Assert.True(Derives(Password, hash), hash);
        Assert.False(Derives(Password + " ", hash));
    }

    [Fact]
    public void Each_hash_has_its_own_salt_and_600000_iterations()
    {
        var first = PasswordHash.Compute(Password);
        var second = PasswordHash.Compute(Password);

        Assert.NotEqual(first, second);
        Assert.All([first, second], hash => Assert.StartsWith("pbkdf2-sha256$600000$", hash, StringComparison.Ordinal));
    }

    // PBKDF2-HMAC-SHA256 as the server verifies it, written out here from the format.
    private static bool Derives(string password, string hash)
    {
        var parts = hash.Split('$');
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Convert.FromBase64String(parts[2]), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), HashAlgorithmName.SHA256, 32);
        return Convert.ToBase64String(key) == parts[3];
    }
}
