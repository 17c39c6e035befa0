BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force
}

Describe 'The moto walk-through leaves the window as it found it (scripts/LocalServices.psm1)' {
    It 'Restore-LocalEnvironment puts back every variable and the proxy that Set-LoopbackOnlyNetwork and Set-MotoEnvironment changed' {
        $module = Join-Path $PSScriptRoot '../../scripts/LocalServices.psm1'
        $script = @"
`$ErrorActionPreference = 'Stop'
`$env:AWS_PROFILE = 'mine'; `$env:AWS_REGION = 'eu-west-2'; `$env:HTTPS_PROXY = 'http://proxy.example:3128'; Remove-Item Env:AWS_ACCESS_KEY_ID -ErrorAction SilentlyContinue
`$before = [System.Net.Http.HttpClient]::DefaultProxy
Import-Module '$module'
Set-LoopbackOnlyNetwork; Set-MotoEnvironment
"during: `$env:AWS_ACCESS_KEY_ID `$env:AWS_REGION `$env:HTTPS_PROXY `$env:https_proxy `$([System.Net.Http.HttpClient]::DefaultProxy.GetProxy([uri]'https://ghcr.io/'))"
"bypassed: `$(@('http://127.0.0.1:5000/', 'http://localhost:8080/', 'http://registry:5000/', 'http://localhost.example.com/') | ForEach-Object { [System.Net.Http.HttpClient]::DefaultProxy.IsBypassed([uri]`$_) })"
Restore-LocalEnvironment
"after: <`$env:AWS_ACCESS_KEY_ID> `$env:AWS_REGION `$env:HTTPS_PROXY `$env:AWS_PROFILE `$([object]::ReferenceEquals(`$before, [System.Net.Http.HttpClient]::DefaultProxy))"
"@
        $output = (Invoke-ChildPwsh $script @{}) -join "`n"

        $output | Should -BeLike '*during: testing us-east-1 http://127.0.0.1:9 http://127.0.0.1:9 http://127.0.0.1:9/*'
        # Loopback only: a dotless name or a look-alike goes to the closed port like any other host.
        $output | Should -BeLike '*bypassed: True True False False*'
        $output | Should -BeLike '*after: <> eu-west-2 http://proxy.example:3128 mine True*'
    }
}
