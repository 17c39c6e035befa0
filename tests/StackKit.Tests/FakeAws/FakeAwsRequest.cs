namespace StackKit.Tests.FakeAws;

/// <summary>One Query call the fake endpoint received: the service named in its SigV4 scope, the action and its form.</summary>
public sealed record FakeAwsRequest(string Service, string Region, string Action, IReadOnlyDictionary<string, string> Form, DateTimeOffset ReceivedAt)
{
    public string? this[string name] => Form.TryGetValue(name, out var value) ? value : null;
}
