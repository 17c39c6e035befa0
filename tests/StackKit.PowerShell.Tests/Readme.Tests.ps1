<#
    Every fenced code block of README.md and the package's readme (src/StackKit/README.md), and every line of README's
    two option tables, run as written against moto. The blocks are found here, not listed: a new block gets a test,
    and a block of a kind nothing here knows how to run fails.
#>
BeforeDiscovery {
    $repo = Join-Path $PSScriptRoot '../..'
    $blocks = foreach ($file in 'README.md', 'src/StackKit/README.md') {
        $text = Get-Content -Raw (Join-Path $repo $file)
        foreach ($match in [regex]::Matches($text, '(?ms)^```(?<language>[^\r\n]*)\r?\n(?<code>.*?)^```')) {
            $line = ($text.Substring(0, $match.Index) -split "`n").Count
            @{ File = $file; Line = $line; Language = $match.Groups['language'].Value; Code = $match.Groups['code'].Value }
        }
    }
    $readme = Get-Content -Raw (Join-Path $repo 'README.md')
    $optionTable = [regex]::Match($readme, '(?s)<!-- options:begin -->(.*?)<!-- options:end -->').Groups[1].Value
    $runningTable = [regex]::Match($readme, '(?s)What running stacks do with them:\s*\r?\n(.*?)\r?\n\r?\n').Groups[1].Value
    $rows = foreach ($table in @{ Name = 'production options'; Text = $optionTable }, @{ Name = 'running stacks'; Text = $runningTable }) {
        foreach ($row in $table.Text -split '\r?\n' | Where-Object { $_ -match '^\|' -and $_ -notmatch '^\|\s*(Option|What)\s*\|' -and $_ -notmatch '^\|-' }) {
            $cells = [regex]::Match($row, '^\|\s*(?<what>.*?)\s*\|\s*`(?<powershell>[^`]+)`\s*\|\s*`(?<csharp>[^`]+)`\s*\|\s*$')
            @{ Table = $table.Name; Row = $row; What = $cells.Groups['what'].Value; PowerShell = $cells.Groups['powershell'].Value; CSharp = $cells.Groups['csharp'].Value }
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../scripts/LocalServices.psm1') -Force
    # Before any web request of this process (the suite runner does the same): loopback only.
    Set-LoopbackOnlyNetwork
    $script:repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    # moto_server looks up credentials of its own (route53, for one): it gets moto's test keys and never asks
    # instance metadata. This process's environment is left as it was.
    $saved = @{}
    foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_EC2_METADATA_DISABLED') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    Set-MotoEnvironment
    try { $script:moto = Start-MotoServer }
    finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }
    # The placeholders for the user's own resources in README's option lines; each is replaced by one made in moto.
    $script:exampleCertificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
    $script:exampleHostedZoneId = 'Z0123456789ABCDEFGHIJ'

    # The environment of every child: moto's test keys and us-east-1, no machine profile, loopback only.
    function Get-ChildEnvironment {
        $childHome = New-Item -ItemType Directory -Path (Join-Path $TestDrive "home-$([guid]::NewGuid())")
        @{ HOME = $childHome.FullName; AWS_ACCESS_KEY_ID = 'testing'; AWS_SECRET_ACCESS_KEY = 'testing'; AWS_REGION = 'us-east-1'; AWS_DEFAULT_REGION = 'us-east-1'
            HTTP_PROXY = $env:HTTP_PROXY; HTTPS_PROXY = $env:HTTPS_PROXY; NO_PROXY = $env:NO_PROXY }
    }

    function Invoke-Aws([string[]] $Arguments) {
        $json = & env AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1 aws @Arguments --endpoint-url $moto.Endpoint --output json
        $LASTEXITCODE | Should -Be 0 -Because "aws $Arguments"
        $json | ConvertFrom-Json
    }

    # The key pair a block names (-SshKeyName or SshKeyName = "..."), in the block's region (-Region or Region = "...").
    function New-NamedKeyPair([string] $Code) {
        $key = [regex]::Match($Code, '(?:-SshKeyName\s+|SshKeyName\s*=\s*")(?<name>[\w-]+)').Groups['name'].Value
        if (-not $key) { return }
        $region = [regex]::Match($Code, '(?:-Region\s+|Region\s*=\s*")(?<region>[a-z0-9-]+)').Groups['region'].Value
        if (-not $region) { $region = 'us-east-1' }
        Invoke-Aws @('ec2', 'create-key-pair', '--key-name', $key, '--region', $region) | Out-Null
    }

    <#
        The prelude, which only sets the environment a user has: the module imported, moto as every cmdlet's
        endpoint, a Get-Credential that answers as the user would (it prompts otherwise), and "Yes" to the
        confirmation prompts of a non-interactive session ($ConfirmPreference = 'None').
    #>
    function Get-Prelude {
        @"
Import-Module ./StackKit.psd1
`$PSDefaultParameterValues['*-HttpService*:EndpointUrl'] = '$($moto.Endpoint)'
function Get-Credential { [pscredential]::new('ops', (ConvertTo-SecureString 'Readme-Passw0rd!' -AsPlainText -Force)) }
`$ConfirmPreference = 'None'
"@
    }

    # Runs the prelude and then the text in a fresh pwsh; the output as the user reads it, errors included, colours off.
    function Invoke-AsUser([string] $Code, [string] $Setup = '', [switch] $StopOnError) {
        $stop = if ($StopOnError) { "`$ErrorActionPreference = 'Stop'" } else { '' }
        $script = (Get-Prelude) + "`n$Setup`n$stop`n" + $Code
        $output = Invoke-ChildPwsh $script (Get-ChildEnvironment) 2>&1
        $script:exitCode = $LASTEXITCODE
        (($output | ForEach-Object { "$_" }) -join "`n") -replace '\x1b\[[0-9;]*m', ''
    }

    # A throwaway console app as `dotnet new console` makes it (implicit usings, nullable), referencing src/StackKit.
    function New-ConsoleApp([string] $Name, [string] $Program) {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive $Name)
        @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/src/StackKit/StackKit.csproj" />
  </ItemGroup>
</Project>
"@ | Set-Content (Join-Path $folder "$Name.csproj")
        Set-Content -Path (Join-Path $folder 'Program.cs') -Value $Program
        # The suite runs behind the loopback-only proxy, so NuGet's audit cannot fetch vulnerability data and, with
        # warnings as errors, fails the restore; the repository's own build audits the same packages unproxied.
        $build = dotnet build $folder.FullName -c Release -nologo -p:NuGetAudit=false 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($build -join "`n")
        # A user's build shows the program's warnings too; a readme's program has none.
        $build -match 'Program\.cs\(\d+,\d+\): warning' | Should -BeNullOrEmpty
        $folder
    }
}

AfterAll {
    if ($moto) { Stop-MotoServer $moto }
}

Describe 'README and package readme code blocks, run as written on moto' {
    BeforeEach {
        Reset-MotoServer $moto
    }

    It '<File> line <Line>: the <Language> block' -ForEach $blocks {
        switch -Regex ($Language) {
            '^powershell$' {
                New-NamedKeyPair $Code
                $output = Invoke-AsUser $Code
                $probe = [System.IO.Path]::Combine($repo, 'http-service.yaml')
                try {
                    $exitCode | Should -Be 0 -Because $output
                    if ($Code -match 'Start-MotoServer') {
                        # The walk-through on a moto of its own: the stack, its update, the template.
                        $output | Should -Match 'Status\s+: CREATE_COMPLETE'
                        $output | Should -Match 'Servers\s+: 1 \(1-5\)'
                        $output | Should -Match 'Url\s+: http://\S+-LoadBalancer-'
                        $output | Should -Match 'UPDATE_COMPLETE\s+1 \(1-5\)\s+1/1'
                        $output | Should -BeLike "*AWSTemplateFormatVersion: '2010-09-09'*"
                    }
                    else {
                        # The AWS walk-through, on this moto: the URL, the listing in the stack's region, the update,
                        # and the template written. Deleting is the one step moto refuses (VPC stacks): that error, and only it.
                        $output | Should -Match '(?m)^http://\S+\.elb\.amazonaws\.com\s*$'
                        $output | Should -Match 'CREATE_COMPLETE'
                        $output | Should -Match 'UPDATE_COMPLETE'
                        $output | Should -Not -BeLike '*No stack named*'
                        @([regex]::Matches($output, '(?m)^[A-Z]\w+-\w+:\s*$') | ForEach-Object { $_.Value.Trim() }) | Should -Be @('Remove-HttpServiceStack:') -Because $output
                        $output | Should -Match 'DeleteStack failed: DependencyViolation: The vpc \S+ has dependencies'
                        Test-Path $probe | Should -BeTrue -Because 'Export-HttpServiceTemplate -Path ./http-service.yaml writes it'
                        (Get-Content -Raw $probe) | Should -BeLike "*AWSTemplateFormatVersion: '2010-09-09'*"
                    }
                }
                finally {
                    if (-not ($Code -match 'Start-MotoServer')) { Remove-Item $probe -ErrorAction SilentlyContinue }
                }
            }
            '^csharp$' {
                New-NamedKeyPair $Code
                $app = New-ConsoleApp "readme-$($File -replace '\W', '-')-$Line" $Code
                ssh-keygen -q -t ed25519 -N '' -C 'readme@example' -f (Join-Path $app 'id_ed25519') | Out-Null
                $environment = Get-ChildEnvironment
                $environment['AWS_ENDPOINT_URL'] = $moto.Endpoint
                $environment.Remove('AWS_REGION'); $environment.Remove('AWS_DEFAULT_REGION')
                $variables = @("PATH=$env:PATH", 'DOTNET_NOLOGO=1', 'AWS_EC2_METADATA_DISABLED=true') + @($environment.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" })
                Push-Location $app
                try {
                    $output = (& env -i @variables dotnet (Join-Path $app "bin/Release/net10.0/$(Split-Path -Leaf $app).dll") 2>&1 | ForEach-Object { "$_" }) -join "`n"
                    $programExit = $LASTEXITCODE
                }
                finally {
                    Pop-Location
                }
                $lines = $Code -split '\r?\n'
                $deleteLine = 1 + [array]::FindIndex($lines, [Predicate[string]] { param($l) $l -match '\.DeleteAsync\(' })
                if ($deleteLine -gt 0) {
                    # moto refuses DeleteStack of a stack with a VPC (AWS deletes it): the program must get to that call,
                    # its last statement, with everything before it done, and fail there only, with moto's refusal.
                    @($lines[$deleteLine..($lines.Count - 1)] | Where-Object { $_ -match '^\s*[^/\s}]' -and $_ -notmatch '^\s*(sealed class|public void Report|\{)' }) | Should -BeNullOrEmpty -Because 'DeleteAsync is the last statement'
                    $output | Should -Match 'DeleteStack failed: DependencyViolation: The vpc \S+ has dependencies'
                    $output | Should -Match "at Program\.<Main>\`$\(String\[\] args\) in \S+Program\.cs:line $deleteLine\b"
                }
                else {
                    $programExit | Should -Be 0 -Because $output
                }
                $output | Should -Match 'CREATE_COMPLETE'
                $output | Should -Match 'http://\S+\.elb\.amazonaws\.com'
                if ($Code -match 'AddSshKeyAsync') { $output | Should -Match 'SHA256:\S+ readme@example arn:aws:sts::123456789012:' }
                if ($Code -match 'GetAsync\("nope"\)') { $output | Should -Match "No stack named 'nope' exists in" }
            }
            '^bash$' {
                if ($Code -match '\./scripts/deploy\.sh' -and $Code -match '\./scripts/test\.sh') {
                    # Both commands run elsewhere: deploy.sh --local by Deploy.Tests.ps1, test.sh by CI itself.
                    Get-Content -Raw (Join-Path $repo 'tests/StackKit.PowerShell.Tests/Deploy.Tests.ps1') | Should -BeLike '*scripts/deploy.sh'') --local*'
                    Get-Content -Raw (Join-Path $repo '.ci/run') | Should -BeLike '*bash scripts/test.sh*'
                    Set-ItResult -Skipped -Because 'the quickstart runs as the main job in Deploy.Tests.ps1 (deploy.sh --local) and as CI itself (.ci/run runs scripts/test.sh); running the whole suite from inside it would recurse'
                }
                elseif ($Code -match '^hash=\$\(python3 -c' -and $Code -match 'aws cloudformation create-stack') {
                    # The raw-CLI deploy with a password hash, on this moto: the password typed at getpass's prompt
                    # (without a terminal, setsid, getpass reads standard input), the aws CLI pointed at moto.
                    Push-Location $repo
                    try {
                        $output = 'Readme-Passw0rd!' | & env AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1 "AWS_ENDPOINT_URL=$($moto.Endpoint)" setsid -w bash -c $Code 2>&1
                        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
                    }
                    finally {
                        Pop-Location
                    }
                    $parameters = (Invoke-Aws @('cloudformation', 'describe-stacks', '--stack-name', 'web')).Stacks[0].Parameters
                    $hash = ($parameters | Where-Object ParameterKey -EQ 'ServicePasswordHash').ParameterValue
                    # moto may mask a NoEcho value as AWS does; when it shows it, it is the hash and never the password.
                    $hash | Should -Match '^(\*{4}|pbkdf2-sha256\$600000\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=)$'
                    ($parameters.ParameterValue -join ' ') | Should -Not -BeLike '*Readme-Passw0rd!*'
                }
                elseif ($Code -match 'scripts/build-image\.sh registry\.example\.com' -and $Code -match 'build-image\.sh --dockerfile registry\.example\.com') {
                    # Both ways run for real in the image tests, against their own dockerd and a loopback registry.
                    Get-Content -Raw (Join-Path $repo 'tests/StackKit.Tests/Image/BuiltImage.cs') | Should -BeLike '*build-image.sh*--dockerfile*'
                    Set-ItResult -Skipped -Because 'it pushes to registry.example.com, which is not loopback; tests/StackKit.Tests/Image runs both commands against its own dockerd and a loopback registry'
                }
                elseif ($Code -match '^docker build' -and $Code -match 'registry\.example\.com') {
                    Set-ItResult -Skipped -Because 'docker build needs a Docker engine this test does not start, and docker push targets registry.example.com, which is not loopback'
                }
                else {
                    throw "No runner for this bash block; teach Readme.Tests.ps1 to run it:`n$Code"
                }
            }
            default {
                throw "No runner for a ``````$Language block; teach Readme.Tests.ps1 to run it:`n$Code"
            }
        }
    }
}

Describe 'README''s option tables, line by line' {
    BeforeEach {
        Reset-MotoServer $moto
    }

    It 'parses every row of both tables' -ForEach $rows {
        $PowerShell | Should -Not -BeNullOrEmpty -Because "the row has a PowerShell cell: $Row"
        $CSharp | Should -Not -BeNullOrEmpty -Because "the row has a C# cell: $Row"
    }

    It '<Table>: <PowerShell>' -ForEach $rows {
        # Only placeholders for the user's own resources are replaced: the example certificate ARN by a certificate
        # requested from moto's ACM, the example hosted zone id by a zone created in moto's Route 53.
        $line = $PowerShell
        if ($line.Contains($exampleCertificateArn)) {
            $certificate = Invoke-Aws @('acm', 'request-certificate', '--domain-name', 'api.example.com', '--region', 'us-east-1')
            $line = $line.Replace($exampleCertificateArn, $certificate.CertificateArn)
        }
        if ($line.Contains($exampleHostedZoneId)) {
            $zone = Invoke-Aws @('route53', 'create-hosted-zone', '--name', 'example.com', '--caller-reference', [guid]::NewGuid().ToString())
            $line = $line.Replace($exampleHostedZoneId, ($zone.HostedZone.Id -replace '^/hostedzone/', ''))
        }
        # The running-stack lines act on a stack named web, made first as part of the environment.
        $setup = if ($Table -eq 'running stacks') { 'New-HttpServiceStack web -ErrorAction Stop | Out-Null' } else { '' }
        if ($line -match '-Follow') {
            # -Follow reads until Ctrl-C: it must still be following, with no error, when the time is up.
            $script = (Get-Prelude) + "`n$setup`n`$ErrorActionPreference = 'Stop'`n" + $line
            $environment = Get-ChildEnvironment
            $variables = @("PATH=$env:PATH", "DOTNET_CLI_HOME=$HOME", "NUGET_PACKAGES=$(if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' })", 'DOTNET_NOLOGO=1', 'AWS_EC2_METADATA_DISABLED=true') + @($environment.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" })
            Push-Location $repo
            try {
                $output = (& timeout 30 env -i @variables dotnet pwsh -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" }) -join "`n"
                $LASTEXITCODE | Should -Be 124 -Because "it was still following when timeout ended it: $output"
            }
            finally {
                Pop-Location
            }
            $output | Should -Not -Match 'Exception|error' -Because $output
            return
        }
        $output = Invoke-AsUser $line -Setup $setup -StopOnError
        $exitCode | Should -Be 0 -Because $output
        if ($line -match '-WhatIf') {
            $output | Should -BeLike '*What if:*'
        }
        else {
            $output | Should -Match 'web\s.*CREATE_COMPLETE'
        }
    }

    It 'compiles every C# cell of both tables in one program (using StackKit; using StackKit.HttpService;)' -ForEach @(@{ Rows = $rows }) {
        @($Rows | Where-Object Table -EQ 'production options').Count | Should -BeGreaterThan 0
        @($Rows | Where-Object Table -EQ 'running stacks').Count | Should -BeGreaterThan 0
        # Each cell in a function of its own, with the names the cells use (stacks, ct, options) declared; a
        # #line directive names the cell in any compiler error.
        $functions = for ($i = 0; $i -lt $Rows.Count; $i++) {
            $cell = $Rows[$i].CSharp
            $statement = if ($cell.TrimEnd().EndsWith(';')) { $cell } else { "_ = $cell;" }
            @"
async Task Cell$i(IHttpServiceStacks stacks, HttpServiceOptions options, CancellationToken ct)
{
    await Task.CompletedTask;
#line 1 "$($Rows[$i].Table) row $($i + 1): $($Rows[$i].PowerShell -replace '"', '')"
    $statement
#line default
}
"@
        }
        $calls = for ($i = 0; $i -lt $Rows.Count; $i++) { "_ = (Func<IHttpServiceStacks, HttpServiceOptions, CancellationToken, Task>)Cell$i;" }
        $program = "using StackKit;`nusing StackKit.HttpService;`n`n$($calls -join "`n")`nConsole.WriteLine(`"compiled $($Rows.Count) cells`");`n`n$($functions -join "`n")"
        $app = New-ConsoleApp 'readme-option-cells' $program
        $output = & dotnet (Join-Path $app 'bin/Release/net10.0/readme-option-cells.dll')
        $output | Should -Be "compiled $($Rows.Count) cells"
    }
}
