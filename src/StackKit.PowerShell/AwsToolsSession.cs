using System.Management.Automation;
using System.Reflection;
using Amazon.Runtime;

namespace StackKit.PowerShell;

/// <summary>
/// The defaults AWS.Tools keeps in the session: Set-DefaultAWSRegion stores the region's name in $StoredAWSRegion,
/// Set-AWSCredential (without -StoreAs) stores an AWSPSCredentials in $StoredAWSCredentials, whose AWSCredentials
/// sit in a non-public property. StackKit reads both the way AWS.Tools does, without referencing AWS.Tools.
/// </summary>
internal static class AwsToolsSession
{
    public const string RegionVariable = "StoredAWSRegion";
    public const string CredentialsVariable = "StoredAWSCredentials";

    /// <summary>The region Set-DefaultAWSRegion stored, or null; <paramref name="variable"/> reads a session variable.</summary>
    public static string? Region(Func<string, object?> variable) =>
        Unwrap(variable(RegionVariable)) is string { Length: > 0 } region ? region : null;

    /// <summary>The credentials Set-AWSCredential stored, with the name AWS.Tools shows for them, or null; <paramref name="variable"/> reads a session variable.</summary>
    public static (AWSCredentials Credentials, string Name)? Credentials(Func<string, object?> variable)
    {
        var stored = Unwrap(variable(CredentialsVariable));
        if (stored is null)
        {
            return null;
        }
        if (stored is AWSCredentials direct)
        {
            return (direct, direct.GetType().Name);
        }
        var properties = stored.GetType().GetProperties(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        var name = properties.FirstOrDefault(p => p.Name == "Name" && p.PropertyType == typeof(string))?.GetValue(stored) as string;
        var inner = properties.FirstOrDefault(p => p.Name == "Credentials")?.GetValue(stored);
        return inner switch
        {
            AWSCredentials credentials => (credentials, name ?? credentials.GetType().Name),
            // AWS.Tools loaded another AWSSDK.Core: its type is not ours, so its keys are read as they are now.
            not null => (Snapshot(inner), name ?? inner.GetType().Name),
            _ => null,
        };
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    private static AWSCredentials Snapshot(object foreignCredentials)
    {
        var immutable = foreignCredentials.GetType().GetMethod("GetCredentials", Type.EmptyTypes)?.Invoke(foreignCredentials, null)
            ?? throw new InvalidOperationException($"${CredentialsVariable} holds credentials StackKit cannot read; run Set-AWSCredential again or pass -ProfileName.");
        string? Read(string property) => immutable.GetType().GetProperty(property)?.GetValue(immutable) as string;
        var accessKey = Read("AccessKey");
        var secretKey = Read("SecretKey");
        var token = Read("Token");
        if (accessKey is null || secretKey is null)
        {
            throw new InvalidOperationException($"${CredentialsVariable} holds credentials without keys; run Set-AWSCredential again or pass -ProfileName.");
        }
        return string.IsNullOrEmpty(token) ? new BasicAWSCredentials(accessKey, secretKey) : new SessionAWSCredentials(accessKey, secretKey, token);
    }
}
