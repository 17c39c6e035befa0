using System.Collections.Concurrent;
using System.Web;

namespace StackKit.Tests.Moto;

/// <summary>Counts the Query API actions sent, and how many group names each DescribeAutoScalingGroups names.</summary>
internal sealed class ActionCounter() : DelegatingHandler(new HttpClientHandler())
{
    private readonly ConcurrentQueue<string> _actions = new();

    public ConcurrentQueue<int> GroupNamesPerCall { get; } = new();

    public IReadOnlyList<string> Actions => [.. _actions];

    public int Count(string action) => _actions.Count(a => a == action);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = HttpUtility.ParseQueryString(request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken));
        var action = form["Action"] ?? "";
        _actions.Enqueue(action);
        if (action == "DescribeAutoScalingGroups")
        {
            GroupNamesPerCall.Enqueue(form.AllKeys.Count(k => k?.StartsWith("AutoScalingGroupNames.member.", StringComparison.Ordinal) == true));
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
