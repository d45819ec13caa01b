[assembly: Parallelize(Scope = ExecutionScope.MethodLevel, Workers = 1)]
