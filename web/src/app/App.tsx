export function App() {
  return <main><h1>Assay</h1></main>;
}
