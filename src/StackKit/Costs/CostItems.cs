using System.Globalization;
using StackKit.HttpService;
using StackKit.Resources.CloudWatch;
using StackKit.Resources.DynamoDB;
using StackKit.Resources.Logs;
using StackKit.Resources.Route53;
using StackKit.Resources.Sns;
using StackKit.Templates;

namespace StackKit.Costs;

/// <summary>
/// What a stack built from some options is charged for, item by item, read off the template those options build, with
/// each quantity's assumption stated once here. Prices are on demand, Linux, shared tenancy; the Price List attributes
/// are AWS's (docs/cost.md lists them).
/// </summary>
internal static class CostItems
{
    /// <summary>The root volume of the ECS-optimized Amazon Linux 2023 AMI, gp3; the launch template sets no other.</summary>
    public const int RootVolumeGiB = 30;

    /// <summary>A load balancer in two subnets has a public IPv4 address in each.</summary>
    public const int LoadBalancerAddresses = 2;

    /// <summary>Traffic through the load balancer a month: a small service.</summary>
    public const decimal TrafficGiBPerMonth = 10;

    /// <summary>Log lines a server sends a month.</summary>
    public const decimal LogGiBPerServer = 1;

    /// <summary>Days the logs are kept: the LogRetentionDays parameter's default.</summary>
    public const int LogRetentionDays = 14;

    /// <summary>Key table scans a server makes a month: one each 10 s, the server's default sync interval.</summary>
    public const decimal KeyReadsPerServer = CostEstimate.HoursPerMonth * 3600 / 10;

    /// <summary>Keys added, approved or removed a month.</summary>
    public const decimal KeyWrites = 100;

    /// <summary>Alarm e-mails a month.</summary>
    public const decimal Notifications = 100;

    public static IReadOnlyList<CostItem> For(HttpServiceOptions options, string instanceType, string region)
    {
        var template = HttpServiceTemplate.Build(options);
        int Count(string type) => template.Resources.Count(resource => resource.Type == type);
        PriceQuery Query(string serviceCode, string usageType, string unit, params string[] filters) =>
            new(serviceCode, [.. Pairs(filters), new("regionCode", region)], usageType, unit);

        const decimal hours = CostEstimate.HoursPerMonth;
        var items = new List<CostItem>
        {
            new($"EC2 instances ({instanceType}, Linux, on demand)", $"{hours} h a server; a burstable type's CPU within its baseline",
                Query("AmazonEC2", $"BoxUsage:{instanceType}", "Hrs", "instanceType", instanceType, "operatingSystem", "Linux", "tenancy", "Shared",
                    "preInstalledSw", "NA", "capacitystatus", "Used", "operation", "RunInstances"),
                servers => servers * hours),
            new("EBS volumes (gp3)", $"{RootVolumeGiB} GiB a server, the AMI's root volume",
                Query("AmazonEC2", "EBS:VolumeUsage.gp3", "GB-Mo", "productFamily", "Storage", "volumeApiName", "gp3"),
                servers => servers * RootVolumeGiB),
        };
        items.AddRange(LoadBalancer(options.EffectiveLoadBalancer, Query));
        items.Add(new("Public IPv4 addresses", $"one a server and {LoadBalancerAddresses} of the load balancer, {hours} h each",
            Query("AmazonVPC", "PublicIPv4:InUseAddress", "Hrs", "productFamily", "VPC Public IPv4 Address"),
            servers => (servers + LoadBalancerAddresses) * hours));
        var alarms = Count(Alarm.TypeName);
        if (alarms > 0)
        {
            items.Add(new("CloudWatch alarms", $"{alarms} standard alarms in the template, free tier not counted" +
                    (options.CpuScaling ? "; the alarms AWS makes for target tracking are not counted" : ""),
                Query("AmazonCloudWatch", "CW:AlarmMonitorUsage", "Alarms", "productFamily", "Alarm"),
                _ => alarms));
        }
        // The central group, by its logical id: the SSH key audit trail's group holds a few lines a month.
        if (template.FindResource(CentralLogs.LogGroupLogicalId) is LogGroup)
        {
            items.Add(new("CloudWatch Logs ingestion", $"{LogGiBPerServer} GiB a server a month",
                Query("AmazonCloudWatch", "DataProcessing-Bytes", "GB", "productFamily", "Data Payload"),
                servers => servers * LogGiBPerServer));
            items.Add(new("CloudWatch Logs storage", $"the last {LogRetentionDays} days of that (LogRetentionDays), uncompressed",
                Query("AmazonCloudWatch", "TimedStorage-ByteHrs", "GB-Mo", "productFamily", "Storage Snapshot"),
                servers => servers * LogGiBPerServer * LogRetentionDays / 30));
        }
        if (Count(Table.TypeName) > 0)
        {
            items.Add(new("Key table reads (DynamoDB on demand)", $"each server scans it every 10 s, {KeyReadsPerServer.ToString("N0", CultureInfo.InvariantCulture)} read units a month, each under 4 KB",
                Query("AmazonDynamoDB", "ReadRequestUnits", "ReadRequestUnits", "productFamily", "Amazon DynamoDB PayPerRequest Throughput"),
                servers => servers * KeyReadsPerServer));
            items.Add(new("Key table writes (DynamoDB on demand)", $"{KeyWrites} keys added, approved or removed a month; storage under a megabyte, not counted",
                Query("AmazonDynamoDB", "WriteRequestUnits", "WriteRequestUnits", "productFamily", "Amazon DynamoDB PayPerRequest Throughput"),
                _ => KeyWrites));
        }
        if (template.FindResource(KeyAudit.LogGroupLogicalId) is not null)
        {
            items.Add(new("SSH key audit (Lambda, DynamoDB Streams)", "one short invocation per key change: within Lambda's free tier; Lambda's reads of the stream are free; not counted", null, _ => 0));
        }
        if (Count(Topic.TypeName) > 0)
        {
            items.Add(new("SNS e-mail notifications", $"{Notifications} alarm e-mails a month",
                Query("AmazonSNS", "DeliveryAttempts-SMTP", "Notifications", "productFamily", "Message Delivery"),
                _ => Notifications));
        }
        if (Count(RecordSet.TypeName) > 0)
        {
            items.Add(new("Route 53 alias record", "alias queries to a load balancer are free; the hosted zone is yours and not counted", null, _ => 0));
        }
        return items;
    }

    private static IEnumerable<CostItem> LoadBalancer(LoadBalancerKind kind, Func<string, string, string, string[], PriceQuery> query)
    {
        const decimal hours = CostEstimate.HoursPerMonth;
        var traffic = TrafficGiBPerMonth.ToString(CultureInfo.InvariantCulture);
        if (kind == LoadBalancerKind.Application)
        {
            string[] family = ["productFamily", "Load Balancer-Application"];
            yield return new("Application Load Balancer", $"{hours} h", query("AWSELB", "LoadBalancerUsage", "Hrs", family), _ => hours);
            // An LCU is 1 GB an hour to EC2 targets; at a small service's connection rates, bytes are the largest dimension.
            yield return new("Application Load Balancer capacity units", $"{traffic} GiB of traffic a month at low connection rates: {traffic} LCU-hours",
                query("AWSELB", "LCUUsage", "LCU-Hrs", family), _ => TrafficGiBPerMonth);
        }
        else
        {
            string[] family = ["productFamily", "Load Balancer"];
            yield return new("Classic Load Balancer", $"{hours} h", query("AWSELB", "LoadBalancerUsage", "Hrs", family), _ => hours);
            yield return new("Classic Load Balancer data processed", $"{traffic} GiB of traffic a month",
                query("AWSELB", "DataProcessing-Bytes", "GB", family), _ => TrafficGiBPerMonth);
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> Pairs(string[] fieldsAndValues)
    {
        for (var i = 0; i < fieldsAndValues.Length; i += 2)
        {
            yield return new(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
    }
}
