using System.Net;

namespace StackKit.HttpService;

/// <summary>
/// The typed values of a request or update as the template's parameters; the dictionary never leaves the library.
/// A credential's password is checked and hashed here (a new salt each time).
/// </summary>
internal static class HttpServiceStackValues
{
    public static Dictionary<string, string> ByParameter(
        string? dockerImage, string? instanceType, string? sshKeyName, string? sshCidr, string? amiId, NetworkCredential? serviceCredential)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                given[name] = value;
            }
        }
        Add(HttpServiceNames.DockerImage, dockerImage);
        Add(HttpServiceNames.InstanceType, instanceType);
        Add(HttpServiceNames.SshKeyName, sshKeyName);
        Add(HttpServiceNames.SshCidr, sshCidr);
        Add(HttpServiceNames.AmiId, amiId);
        if (serviceCredential is not null)
        {
            given[HttpServiceNames.ServiceUsername] = serviceCredential.UserName ?? "";
            // The plaintext stays here: the template, and so the servers, get only its salted slow hash.
            var password = serviceCredential.Password ?? "";
            ServicePassword.Check(password, nameof(HttpServiceStackRequest.ServiceCredential));
            given[HttpServiceNames.ServicePasswordHash] = Keys.PasswordHash.Compute(password);
        }
        return given;
    }

    /// <summary>The property of the request that sets a parameter: what <see cref="ArgumentException.ParamName"/> names.</summary>
    public static string PropertyOf(string parameterName) =>
        parameterName is HttpServiceNames.ServiceUsername or HttpServiceNames.ServicePasswordHash ? nameof(HttpServiceStackRequest.ServiceCredential) : parameterName;
}
