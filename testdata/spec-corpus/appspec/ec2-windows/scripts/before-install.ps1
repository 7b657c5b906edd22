Write-Host before
