package gazetteer

//go:generate go run ./internal/gen -shared ../../shared/data -data ../data
