using StackKit.Aws;

namespace StackKit.PowerShell;

/// <summary>
/// One AWS connection per region and endpoint for a cmdlet's life: piped stacks from several regions each go where
/// they came from, and records of the same place share one connection.
/// </summary>
internal sealed class ConnectionCache : IDisposable
{
    private readonly Dictionary<string, AwsConnection> _connections = new(StringComparer.Ordinal);

    /// <summary>
    /// The connection for the request's region and endpoint, made on first use; making it writes, through
    /// <paramref name="writeVerbose"/>, where calls go and where the region and credentials came from.
    /// </summary>
    public AwsConnection Get(ConnectionRequest request, Func<string, object?> variable, Action<string> writeVerbose)
    {
        var key = $"{request.Region}|{request.EndpointUrl}";
        if (!_connections.TryGetValue(key, out var connection))
        {
            _connections[key] = connection = Connect(request, variable, writeVerbose);
        }
        return connection;
    }

    public void Dispose()
    {
        foreach (var connection in _connections.Values)
        {
            connection.Dispose();
        }
        _connections.Clear();
    }

    private static AwsConnection Connect(ConnectionRequest request, Func<string, object?> variable, Action<string> writeVerbose)
    {
        var (options, regionSource, credentialSource) = request.Resolve(variable);
        var connection = AwsConnection.Create(options);
        var endpoint = connection.EndpointFor(AwsService.CloudFormation);
        writeVerbose(
            $"AWS: region {connection.Region.SystemName} (from {regionSource ?? ConnectionSources.DefaultRegion(connection.Region.SystemName, request.ProfileName)}), " +
            $"endpoint {endpoint} ({ConnectionSources.Endpoint(request.EndpointUrl, endpoint)}), credentials from {credentialSource}.");
        return connection;
    }
}
