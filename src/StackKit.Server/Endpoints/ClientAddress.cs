using System.Net;
using Microsoft.AspNetCore.Http;

namespace StackKit.Server.Endpoints;

/// <summary>The address a request came from, as the rate limit and the logs name it.</summary>
internal static class ClientAddress
{
    /// <summary>
    /// The connection's peer, or, behind the load balancer (<paramref name="trustForwardedFor"/>), the last address of
    /// <c>X-Forwarded-For</c>: the one the load balancer appended. Earlier entries are whatever the client sent.
    /// </summary>
    public static string Of(HttpContext context, bool trustForwardedFor)
    {
        if (trustForwardedFor)
        {
            var header = context.Request.Headers["X-Forwarded-For"].ToString();
            var last = header[(header.LastIndexOf(',') + 1)..].Trim();
            if (IPAddress.TryParse(last, out var forwarded))
            {
                return Display(forwarded);
            }
        }

        return context.Connection.RemoteIpAddress is { } remote ? Display(remote) : "unknown";
    }

    private static string Display(IPAddress address) => (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
