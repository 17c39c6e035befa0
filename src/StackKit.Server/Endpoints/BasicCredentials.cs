using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace StackKit.Server.Endpoints;

/// <summary>Checks an HTTP Basic <c>Authorization</c> header against the configured user name and password.</summary>
internal sealed class BasicCredentials(string username, string password)
{
    // Hashing both sides first makes the comparison take the same time whatever the lengths.
    private readonly byte[] expected = SHA256.HashData(Encoding.UTF8.GetBytes($"{username}:{password}"));

    /// <summary>True when the header carries exactly the configured credentials; compared in constant time.</summary>
    public bool Accepts(string? authorizationHeader)
    {
        if (!AuthenticationHeaderValue.TryParse(authorizationHeader, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }

        var decoded = new byte[header.Parameter.Length];
        if (!Convert.TryFromBase64String(header.Parameter, decoded, out var length))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(decoded.AsSpan(0, length)), expected);
    }
}
