using System.Net;

namespace StackKit.HttpService;

/// <summary>The typed values of a request or update as the template's parameters; the dictionary never leaves the library.</summary>
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
            given[HttpServiceNames.ServicePassword] = serviceCredential.Password ?? "";
        }
        return given;
    }

    /// <summary>The property of the request that sets a parameter: what <see cref="ArgumentException.ParamName"/> names.</summary>
    public static string PropertyOf(string parameterName) =>
        parameterName is HttpServiceNames.ServiceUsername or HttpServiceNames.ServicePassword ? nameof(HttpServiceStackRequest.ServiceCredential) : parameterName;
}
