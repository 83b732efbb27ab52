global using Agon.Tests.TestServices;
global using Xunit;
