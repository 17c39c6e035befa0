using System.Xml.Linq;

namespace StackKit.Tests.FakeAws;

/// <summary>What the fake endpoint answers: a Query result, AWS's error envelope, a non-AWS page, or a dropped connection.</summary>
public sealed record FakeAwsResponse(int StatusCode, string? Body, bool DropConnection = false)
{
    public static readonly FakeAwsResponse Dropped = new(0, null, DropConnection: true);

    /// <summary><c>&lt;ActionResponse&gt;&lt;ActionResult&gt;...&lt;/ActionResult&gt;&lt;ResponseMetadata/&gt;&lt;/ActionResponse&gt;</c>.</summary>
    public static FakeAwsResponse Result(FakeAwsRequest request, params object[] content)
    {
        XNamespace ns = Namespace(request);
        var document = new XElement(ns + $"{request.Action}Response",
            new XElement(ns + $"{request.Action}Result", content.Select(c => Qualify(c, ns))),
            new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", Guid.NewGuid().ToString())));
        return new(200, document.ToString(SaveOptions.DisableFormatting));
    }

    /// <summary>AWS's Query error envelope.</summary>
    public static FakeAwsResponse Error(FakeAwsRequest request, int statusCode, string code, string message)
    {
        XNamespace ns = Namespace(request);
        var document = new XElement(ns + "ErrorResponse",
            new XElement(ns + "Error",
                new XElement(ns + "Type", statusCode >= 500 ? "Receiver" : "Sender"),
                new XElement(ns + "Code", code),
                new XElement(ns + "Message", message)),
            new XElement(ns + "RequestId", Guid.NewGuid().ToString()));
        return new(statusCode, document.ToString(SaveOptions.DisableFormatting));
    }

    /// <summary>EC2's own protocol: no Result wrapper, camelCase members, <c>requestId</c> first.</summary>
    public static FakeAwsResponse Ec2Result(FakeAwsRequest request, params object[] content)
    {
        XNamespace ns = Ec2Namespace;
        var document = new XElement(ns + $"{request.Action}Response",
            new XElement(ns + "requestId", Guid.NewGuid().ToString()),
            content.Select(c => Qualify(c, ns)));
        return new(200, document.ToString(SaveOptions.DisableFormatting));
    }

    /// <summary>EC2's error envelope: <c>&lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;</c>, unqualified.</summary>
    public static FakeAwsResponse Ec2Error(int statusCode, string code, string message)
    {
        var document = new XElement("Response",
            new XElement("Errors", new XElement("Error", new XElement("Code", code), new XElement("Message", message))),
            new XElement("RequestID", Guid.NewGuid().ToString()));
        return new(statusCode, document.ToString(SaveOptions.DisableFormatting));
    }

    public static FakeAwsResponse Throttling(FakeAwsRequest request) => Error(request, 400, "Throttling", "Rate exceeded");

    public static FakeAwsResponse Html(int statusCode) => new(statusCode, "<!doctype html><html><body><h1>Internal Server Error</h1></body></html>");

    /// <summary>A <c>&lt;name&gt;&lt;member&gt;...&lt;/member&gt;...&lt;/name&gt;</c> list.</summary>
    public static XElement Members(string name, IEnumerable<object> members) =>
        new(name, members.Select(m => new XElement("member", m)));

    private const string Ec2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private static string Namespace(FakeAwsRequest request) => request.Service switch
    {
        "cloudformation" => "http://cloudformation.amazonaws.com/doc/2010-05-15/",
        "autoscaling" => "http://autoscaling.amazonaws.com/doc/2011-01-01/",
        "sns" => "http://sns.amazonaws.com/doc/2010-03-31/",
        _ when request.Form.GetValueOrDefault("Version") == "2015-12-01" => "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/",
        _ => "http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/",
    };

    // Content is written without a namespace for brevity; AWS puts every element in the service's namespace.
    private static object Qualify(object content, XNamespace ns)
    {
        if (content is not XElement element)
        {
            return content;
        }
        var copy = new XElement(element);
        foreach (var descendant in copy.DescendantsAndSelf())
        {
            descendant.Name = ns + descendant.Name.LocalName;
        }
        return copy;
    }
}
