// Request limits for HTTP and WebSocket operations alike: the token count of a document
// and the depth of its selections.
import { GraphQLError, Kind, type ASTNode, type FragmentDefinitionNode, type ValidationRule } from "graphql";
import type { Plugin } from "graphql-yoga";

export function maxDepthRule(maxDepth: number): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (node: ASTNode, seen: Set<string>): number => {
      if (!("selectionSet" in node) || !node.selectionSet) {
        if (node.kind === Kind.FRAGMENT_SPREAD) {
          const fragment = fragments.get(node.name.value);
          if (!fragment || seen.has(node.name.value)) return 0;
          return depthOf(fragment, new Set(seen).add(node.name.value));
        }
        return 0;
      }
      const inner = Math.max(0, ...node.selectionSet.selections.map((s) => depthOf(s, seen)));
      return node.kind === Kind.FIELD ? inner + 1 : inner;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation, new Set());
        if (depth > maxDepth) {
          context.reportError(new GraphQLError(`Query is ${depth} levels deep; the limit is ${maxDepth}.`, { nodes: [operation] }));
        }
      },
    };
  };
}

export function useLimits(options: { maxDepth: number; maxTokens: number }): Plugin {
  return {
    onParse({ setParseFn, parseFn }) {
      setParseFn((source, parseOptions) => parseFn(source, { ...parseOptions, maxTokens: options.maxTokens }));
    },
    onValidate({ addValidationRule }) {
      addValidationRule(maxDepthRule(options.maxDepth));
    },
  };
}
