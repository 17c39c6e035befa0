using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StackKit.Tests.FakeAws;

/// <summary>One product of the fake Price List: its family, attributes (usagetype among them) and one on-demand price.</summary>
public sealed record PriceListProduct(string ServiceCode, string ProductFamily, IReadOnlyDictionary<string, string> Attributes, string Unit, decimal Usd);

/// <summary>
/// The Price List Query API's GetProducts on the scripted fake, in the real response shape: TERM_MATCH filters on
/// <c>ServiceCode</c>, <c>productFamily</c> and attributes, and <c>PriceList</c> as a list of JSON strings, each a
/// product document with <c>terms.OnDemand.*.priceDimensions.*.pricePerUnit.USD</c> (format aws_v1).
/// Prices are AWS's published us-east-1 prices of late 2026; products that must not be picked sit beside them.
/// </summary>
public sealed class PriceListScript
{
    public const string Region = "us-east-1";

    public List<PriceListProduct> Products { get; } =
    [
        Ec2Instance("t3.micro", "Linux", 0.0104m),
        Ec2Instance("t3.micro", "Windows", 0.0196m),
        Ec2Instance("m5.large", "Linux", 0.096m),
        new("AmazonEC2", "Storage", Attributes("EBS:VolumeUsage.gp3", ("volumeApiName", "gp3")), "GB-Mo", 0.08m),
        new("AmazonEC2", "Storage", Attributes("EBS:VolumeUsage.gp2", ("volumeApiName", "gp2")), "GB-Mo", 0.10m),
        new("AWSELB", "Load Balancer", Attributes("LoadBalancerUsage", ("operation", "LoadBalancing")), "Hrs", 0.025m),
        new("AWSELB", "Load Balancer", Attributes("DataProcessing-Bytes", ("operation", "LoadBalancing")), "GB", 0.008m),
        new("AWSELB", "Load Balancer-Application", Attributes("LoadBalancerUsage", ("operation", "LoadBalancing:Application")), "Hrs", 0.0225m),
        new("AWSELB", "Load Balancer-Application", Attributes("LCUUsage", ("operation", "LoadBalancing:Application")), "LCU-Hrs", 0.008m),
        // Usage types that end like the ones priced but are other products (AWS's ELB billing codes): never taken for them.
        new("AWSELB", "Load Balancer-Application", Attributes("Outposts-LCUUsage", ("operation", "LoadBalancing:Application")), "LCU-Hrs", 0.0m),
        new("AWSELB", "Load Balancer-Application", Attributes("ReservedLCUUsage", ("operation", "LoadBalancing:Application")), "LCU-Hrs", 0.0056m),
        new("AWSELB", "Load Balancer-Application", Attributes("USE1-TS-LoadBalancerUsage", ("operation", "LoadBalancing:Application")), "Hrs", 0.0m),
        new("AmazonVPC", "VPC Public IPv4 Address", Attributes("PublicIPv4:InUseAddress"), "Hrs", 0.005m),
        new("AmazonVPC", "VPC Public IPv4 Address", Attributes("PublicIPv4:IdleAddress"), "Hrs", 0.005m),
        new("AmazonCloudWatch", "Alarm", Attributes("CW:AlarmMonitorUsage"), "Alarms", 0.10m),
        new("AmazonCloudWatch", "Alarm", Attributes("CW:HighResAlarmMonitorUsage"), "Alarms", 0.30m),
        new("AmazonCloudWatch", "Data Payload", Attributes("DataProcessing-Bytes"), "GB", 0.50m),
        new("AmazonCloudWatch", "Storage Snapshot", Attributes("TimedStorage-ByteHrs"), "GB-Mo", 0.03m),
        new("AmazonDynamoDB", "Amazon DynamoDB PayPerRequest Throughput", Attributes("ReadRequestUnits", ("group", "DDB-ReadUnits")), "ReadRequestUnits", 0.000000125m),
        new("AmazonDynamoDB", "Amazon DynamoDB PayPerRequest Throughput", Attributes("WriteRequestUnits", ("group", "DDB-WriteUnits")), "WriteRequestUnits", 0.000000625m),
        new("AmazonSNS", "Message Delivery", Attributes("DeliveryAttempts-SMTP", ("endpointType", "SMTP")), "Notifications", 0.00002m),
        new("AmazonSNS", "Message Delivery", Attributes("DeliveryAttempts-HTTP", ("endpointType", "HTTP")), "Notifications", 0.0000006m),
    ];

    /// <summary>The one price the script has for <paramref name="serviceCode"/> and a usage type (without its region prefix), Linux for instances.</summary>
    public decimal PriceOf(string serviceCode, string usageType, string? productFamily = null) =>
        Products.Single(p => p.ServiceCode == serviceCode && p.Attributes["usagetype"] == usageType && (productFamily is null || p.ProductFamily == productFamily)
            && p.Attributes.GetValueOrDefault("operatingSystem", "Linux") == "Linux").Usd;

    public (int Status, string Body) Respond(FakeJsonRequest request)
    {
        if (request.Target != "AWSPriceListService.GetProducts")
        {
            return (400, """{"__type":"UnknownOperationException","message":"not scripted"}""");
        }
        var serviceCode = request.Body.GetProperty("ServiceCode").GetString();
        var filters = request.Body.TryGetProperty("Filters", out var list)
            ? list.EnumerateArray().Select(f => (Type: f.GetProperty("Type").GetString(), Field: f.GetProperty("Field").GetString()!, Value: f.GetProperty("Value").GetString()!)).ToList()
            : [];
        if (filters.Any(f => f.Type != "TERM_MATCH"))
        {
            return (400, """{"__type":"InvalidParameterException","message":"Filter type must be TERM_MATCH"}""");
        }
        var matching = Products
            .Where(p => p.ServiceCode == serviceCode && filters.All(f => Value(p, f.Field) == f.Value))
            .Select(Document)
            .ToList();
        var answer = new JsonObject { ["FormatVersion"] = "aws_v1", ["PriceList"] = new JsonArray([.. matching.Select(text => (JsonNode)JsonValue.Create(text)!)]) };
        return (200, answer.ToJsonString());
    }

    private static string? Value(PriceListProduct product, string field) =>
        field == "productFamily" ? product.ProductFamily
        : field == "ServiceCode" ? product.ServiceCode
        : product.Attributes.TryGetValue(field, out var value) ? value : null;

    /// <summary>A product document as GetProducts returns it (format aws_v1), shortened to the members StackKit and AWS's examples show.</summary>
    private static string Document(PriceListProduct product)
    {
        var sku = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(product.ToString())))[..16];
        const string term = "JRTCKXETXF";
        var attributes = new JsonObject();
        foreach (var (name, value) in product.Attributes)
        {
            attributes[name] = value;
        }
        attributes["servicecode"] = product.ServiceCode;
        var document = new JsonObject
        {
            ["product"] = new JsonObject { ["productFamily"] = product.ProductFamily, ["attributes"] = attributes, ["sku"] = sku },
            ["serviceCode"] = product.ServiceCode,
            ["terms"] = new JsonObject
            {
                ["OnDemand"] = new JsonObject
                {
                    [$"{sku}.{term}"] = new JsonObject
                    {
                        ["priceDimensions"] = new JsonObject
                        {
                            [$"{sku}.{term}.6YS6EN2CT7"] = new JsonObject
                            {
                                ["unit"] = product.Unit,
                                ["endRange"] = "Inf",
                                ["description"] = $"${product.Usd.ToString(CultureInfo.InvariantCulture)} per {product.Unit}",
                                ["appliesTo"] = new JsonArray(),
                                ["rateCode"] = $"{sku}.{term}.6YS6EN2CT7",
                                ["beginRange"] = "0",
                                ["pricePerUnit"] = new JsonObject { ["USD"] = product.Usd.ToString("0.0000000000", CultureInfo.InvariantCulture) },
                            },
                        },
                        ["sku"] = sku,
                        ["effectiveDate"] = "2026-11-01T00:00:00Z",
                        ["offerTermCode"] = term,
                        ["termAttributes"] = new JsonObject(),
                    },
                },
            },
            ["version"] = "20261101000000",
            ["publicationDate"] = "2026-11-01T00:00:00Z",
        };
        return document.ToJsonString();
    }

    private static PriceListProduct Ec2Instance(string type, string operatingSystem, decimal usd) =>
        new("AmazonEC2", "Compute Instance",
            Attributes($"BoxUsage:{type}", ("instanceType", type), ("operatingSystem", operatingSystem), ("tenancy", "Shared"), ("preInstalledSw", "NA"),
                ("capacitystatus", "Used"), ("operation", operatingSystem == "Linux" ? "RunInstances" : "RunInstances:0002"), ("licenseModel", "No License required")),
            "Hrs", usd);

    private static Dictionary<string, string> Attributes(string usageType, params (string Name, string Value)[] more)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["usagetype"] = usageType, ["regionCode"] = Region, ["location"] = "US East (N. Virginia)" };
        foreach (var (name, value) in more)
        {
            attributes[name] = value;
        }
        return attributes;
    }
}
